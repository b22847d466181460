import { DomainError } from './domain-error';
import { MSG } from './errors';

export interface StringFieldSpec {
  /** Strip surrounding whitespace (usernames, tokens). Passwords are never trimmed. */
  trim: boolean;
  /** Default true. An optional field may be absent; when present it follows the same rules. */
  required?: boolean;
  /** Default false. */
  allowBlank?: boolean;
}

type Parsed<S extends Record<string, StringFieldSpec>> = {
  [K in keyof S]: S[K]['required'] extends false ? string | undefined : string;
};

const TYPE_NAMES: Record<string, string> = {
  object: 'list',
  string: 'str',
  number: 'float',
  boolean: 'bool',
};

/**
 * Reads string fields from a parsed body the way DRF's CharField does: numbers become their string
 * form; null, booleans, arrays, objects, NUL characters and blanks are field errors, reported for
 * every field at once. A body that is not an object is a non-field error. Unknown fields are ignored.
 */
export function readStringFields<S extends Record<string, StringFieldSpec>>(
  body: unknown,
  spec: S,
): Parsed<S> {
  const data = asObject(body);
  const errors: Record<string, string[]> = {};
  const out: Record<string, string | undefined> = {};
  for (const [name, field] of Object.entries(spec)) {
    const result = readOne(Object.hasOwn(data, name) ? data[name] : undefined, field);
    if (typeof result === 'object') errors[name] = [result.error];
    else out[name] = result;
  }
  if (Object.keys(errors).length > 0) throw DomainError.fields(errors);
  return out as Parsed<S>;
}

function asObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (body === null) throw DomainError.nonField('No data provided');
  if (typeof body !== 'object' || Array.isArray(body)) {
    const got = Array.isArray(body) ? 'list' : Number.isInteger(body) ? 'int' : TYPE_NAMES[typeof body];
    throw DomainError.nonField(`Invalid data. Expected a dictionary, but got ${got ?? typeof body}.`);
  }
  return body as Record<string, unknown>;
}

function readOne(value: unknown, field: StringFieldSpec): string | undefined | { error: string } {
  if (value === undefined) return field.required === false ? undefined : { error: MSG.required };
  if (value === null) return { error: MSG.nullField };
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else return { error: MSG.notString };
  if (text.includes('\0')) return { error: MSG.nullCharacters };
  if (field.trim) text = text.trim();
  if (text === '' && !field.allowBlank) return { error: MSG.blank };
  return text;
}
