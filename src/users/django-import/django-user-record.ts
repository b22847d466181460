import { ImportedUser } from '../users.repository';

const MAX_ID = 2_147_483_647;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const TRUE = ['true', '1', 't', 'yes'];
const FALSE = ['false', '0', 'f', 'no'];

/** A record that cannot be imported; the message names the field. */
export class BadRecordError extends Error {}

/**
 * One auth_user row (dumpdata `pk` + `fields`, or a CSV row with the same columns) as an ImportedUser.
 * Values may be JSON-typed (dumpdata) or text (CSV). first_name and last_name are not kept; groups and
 * user_permissions are the permissions module's (DjangoUserFile hands them on). Throws BadRecordError
 * naming the first bad field.
 */
export class DjangoUserRecord {
  static toUser(pk: unknown, f: Record<string, unknown>): ImportedUser {
    return {
      id: id(pk),
      username: text(f, 'username', 150, true),
      email: text(f, 'email', 254, false),
      passwordHash: text(f, 'password', 128, false),
      isActive: flag(f, 'is_active', true),
      isStaff: flag(f, 'is_staff', false),
      isSuperuser: flag(f, 'is_superuser', false),
      lastLogin: date(f, 'last_login', false),
      dateJoined: date(f, 'date_joined', true)!,
    };
  }
}

function id(pk: unknown): number {
  const n = typeof pk === 'string' && /^\d{1,10}$/.test(pk.trim()) ? Number(pk.trim()) : pk;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_ID) {
    throw new BadRecordError(`pk: expected a positive integer id, got ${JSON.stringify(pk) ?? 'nothing'}`);
  }
  return n;
}

function text(f: Record<string, unknown>, name: string, max: number, required: boolean): string {
  const v = f[name] ?? (required ? undefined : '');
  if (typeof v !== 'string')
    throw new BadRecordError(`${name}: expected text, got ${JSON.stringify(v) ?? 'nothing'}`);
  if (v.includes('\0')) throw new BadRecordError(`${name}: contains a NUL character`);
  if (required && v.trim() === '') throw new BadRecordError(`${name}: may not be blank`);
  if ([...v].length > max) throw new BadRecordError(`${name}: longer than ${max} characters`);
  return v;
}

function flag(f: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const v = f[name];
  if (v === undefined || v === '') return fallback;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && TRUE.includes(v.trim().toLowerCase())) return true;
  if (typeof v === 'string' && FALSE.includes(v.trim().toLowerCase())) return false;
  throw new BadRecordError(`${name}: expected true or false, got ${JSON.stringify(v)}`);
}

/** Django's ISO datetimes; a naive one (USE_TZ=False) is taken as UTC. */
function date(f: Record<string, unknown>, name: string, required: boolean): Date | null {
  const v = f[name];
  if (v === undefined || v === null || v === '') {
    if (required) throw new BadRecordError(`${name}: required`);
    return null;
  }
  if (typeof v !== 'string' || !DATETIME.test(v.trim())) {
    throw new BadRecordError(`${name}: expected an ISO 8601 date and time, got ${JSON.stringify(v)}`);
  }
  const s = v.trim().replace(' ', 'T');
  const d = new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`);
  if (Number.isNaN(d.getTime()))
    throw new BadRecordError(`${name}: not a valid date, got ${JSON.stringify(v)}`);
  return d;
}
