import { DomainError } from './domain-error';
import { MSG } from './errors';

const TRUE = new Set<unknown>([true, 1, 'true', 'True', 'TRUE', '1', 'yes', 'on']);
const FALSE = new Set<unknown>([false, 0, 'false', 'False', 'FALSE', '0', 'no', 'off']);

/**
 * Reads one boolean field the way DRF's BooleanField does (JSON booleans, 1/0 and their usual string
 * forms, so form bodies work too). Absent: `fallback`, or "This field is required." when there is none.
 * Anything else: a 400 field error. A body that is not an object: a 400 non-field error.
 */
export function readBooleanField(body: unknown, name: string, fallback?: boolean): boolean {
  if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
    throw DomainError.nonField('Invalid data. Expected a dictionary.');
  }
  const data = (body ?? {}) as Record<string, unknown>;
  if (!Object.hasOwn(data, name)) {
    if (fallback !== undefined) return fallback;
    throw DomainError.fields({ [name]: [MSG.required] });
  }
  const value = data[name];
  if (value === null) throw DomainError.fields({ [name]: [MSG.nullField] });
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw DomainError.fields({ [name]: ['Must be a valid boolean.'] });
}
