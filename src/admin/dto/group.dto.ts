import { CharField, RefListField } from '../../common/serializer-fields';

/** POST /api/admin/groups/. */
export class CreateGroupDto {
  @CharField({ trim: true, maxLength: 150, example: 'support' })
  name: string;

  @RefListField({
    slug: 'codename',
    description: 'Permissions by id or `app_label.codename` (default: none)',
    example: ['auth.view_user'],
  })
  permissions?: (number | string)[];
}

/** PATCH /api/admin/groups/{id}/: either field, or both. */
export class UpdateGroupDto {
  @CharField({ trim: true, maxLength: 150, required: false, example: 'support' })
  name?: string;

  @RefListField({
    slug: 'codename',
    description: 'Permissions by id or `app_label.codename`, replacing the current ones',
    example: ['auth.view_user', 'auth.change_user'],
  })
  permissions?: (number | string)[];
}
