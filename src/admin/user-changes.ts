import { DomainError } from '../common/domain-error';
import { MSG } from '../common/errors';
import { UpdateUserDto } from './dto/update-user.dto';

/** What PATCH /api/admin/users/:id/ may change; absent fields stay as they are. */
export interface UserChanges {
  isActive?: boolean;
  isStaff?: boolean;
  isSuperuser?: boolean;
  /** Group ids or names. */
  groups?: (number | string)[];
  /** Permission ids or `app_label.codename`. */
  userPermissions?: (number | string)[];
}

/** The PATCH body's changes; with none of the fields, is_active is "required" as before the roles existed. */
export function userChangesOf(body: UpdateUserDto): UserChanges {
  const changes = {
    isActive: body.is_active,
    isStaff: body.is_staff,
    isSuperuser: body.is_superuser,
    groups: body.groups,
    userPermissions: body.user_permissions,
  };
  if (Object.values(changes).every((v) => v === undefined)) {
    throw DomainError.fields({ is_active: [MSG.required] });
  }
  return changes;
}
