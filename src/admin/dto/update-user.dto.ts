import { BooleanField } from '../../common/serializer-fields';

/** PATCH /api/admin/users/{id}/: at least one of the three. */
export class UpdateUserDto {
  @BooleanField({ required: false, description: 'false ends every session of the user for good' })
  is_active?: boolean;

  @BooleanField({ required: false, description: 'Superusers only' })
  is_staff?: boolean;

  @BooleanField({ required: false, description: 'Superusers only' })
  is_superuser?: boolean;
}
