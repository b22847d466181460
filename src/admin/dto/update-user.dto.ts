import { BooleanField } from '../../common/serializer-fields';

/** PATCH /api/admin/users/{id}/. */
export class UpdateUserDto {
  @BooleanField({ description: 'false ends every session of the user for good' })
  is_active: boolean;
}
