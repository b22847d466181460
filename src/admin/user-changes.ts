import { readBooleanField } from '../common/boolean-field';

/** What PATCH /api/admin/users/:id/ may change; absent fields stay as they are. */
export interface UserChanges {
  isActive?: boolean;
  isStaff?: boolean;
  isSuperuser?: boolean;
}

const FIELDS = { isActive: 'is_active', isStaff: 'is_staff', isSuperuser: 'is_superuser' } as const;

/** The PATCH body: at least one of is_active, is_staff, is_superuser (DRF BooleanFields). */
export function readUserChanges(body: unknown): UserChanges {
  const data = body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {};
  const changes: UserChanges = {};
  for (const [key, field] of Object.entries(FIELDS) as [keyof UserChanges, string][]) {
    if (Object.hasOwn(data, field)) changes[key] = readBooleanField(body, field);
  }
  // Nothing to change (or not an object): is_active is "required", as before the roles existed.
  if (Object.keys(changes).length === 0) readBooleanField(body, 'is_active');
  return changes;
}
