import { BooleanField, RefListField } from '../../common/serializer-fields';

/** PATCH /api/admin/users/{id}/: at least one of the fields. */
export class UpdateUserDto {
  @BooleanField({ required: false, description: 'false ends every session of the user for good' })
  is_active?: boolean;

  @BooleanField({ required: false, description: 'Superusers only' })
  is_staff?: boolean;

  @BooleanField({ required: false, description: 'Superusers only' })
  is_superuser?: boolean;

  @RefListField({
    slug: 'name',
    description: 'The groups (ids or names) the user is in, replacing the current ones',
    example: ['support'],
  })
  groups?: (number | string)[];

  @RefListField({
    slug: 'codename',
    description:
      'The permissions (ids or `app_label.codename`) the user holds directly, replacing the current ones',
    example: ['auth.view_user'],
  })
  user_permissions?: (number | string)[];
}
