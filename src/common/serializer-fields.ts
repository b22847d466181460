import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Expose, Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { MSG, tooLong } from './errors';

/** The request DTO classes and their field names: the only classes the pipe validates. */
const FIELD_DTOS = new WeakMap<object, string[]>();

export const isFieldDto = (type: unknown): boolean => typeof type === 'function' && FIELD_DTOS.has(type);

/** The body fields of a DTO class, in declaration order (for its documented 400). */
export const fieldsOf = (type: object): readonly string[] => FIELD_DTOS.get(type) ?? [];

type Doc = Pick<ApiPropertyOptions, 'description' | 'example' | 'format'>;

export interface CharFieldOptions extends Doc {
  /** Strip surrounding whitespace (usernames, tokens). Passwords are never trimmed. */
  trim?: boolean;
  /** Default true. An optional field may be absent; when present it follows the same rules. */
  required?: boolean;
  /** Default false. */
  allowBlank?: boolean;
  /** In characters (code points), as Django counts them. */
  maxLength?: number;
}

/**
 * DRF's CharField: JSON numbers become their string form; then exactly one message per bad field, in
 * DRF's order (required, null, type, NUL, blank, length). Unknown fields of the body are ignored.
 */
export function CharField(options: CharFieldOptions = {}): PropertyDecorator {
  const { trim = false, required = true, allowBlank = false, maxLength, ...doc } = options;
  const problem = (value: unknown): string | undefined => {
    if (value === undefined) return required ? MSG.required : undefined;
    if (value === null) return MSG.nullField;
    if (typeof value !== 'string') return MSG.notString;
    if (value.includes('\0')) return MSG.nullCharacters;
    if (value === '' && !allowBlank) return MSG.blank;
    if (maxLength !== undefined && value.length > maxLength && [...value].length > maxLength) {
      return tooLong(maxLength);
    }
    return undefined;
  };
  return field(
    ({ value }: { value: unknown }) => {
      const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
      return trim && typeof text === 'string' ? text.trim() : text;
    },
    problem,
    { type: String, required, maxLength, ...doc },
  );
}

const TRUE = new Set<unknown>([true, 1, 'true', 'True', 'TRUE', '1', 'yes', 'on']);
const FALSE = new Set<unknown>([false, 0, 'false', 'False', 'FALSE', '0', 'no', 'off']);

export interface BooleanFieldOptions extends Pick<ApiPropertyOptions, 'description'> {
  /** The value when the field is absent; without it the field is required (unless `required: false`). */
  default?: boolean;
  /** false: the field may be absent (undefined); when present it follows the same rules. */
  required?: boolean;
}

/** DRF's BooleanField: JSON booleans, 1/0 and their usual string forms (so form bodies work too). */
export function BooleanField(options: BooleanFieldOptions = {}): PropertyDecorator {
  const { default: fallback, required = fallback === undefined, ...doc } = options;
  return field(
    ({ value }: { value: unknown }) => {
      if (value === undefined) return fallback;
      return TRUE.has(value) ? true : FALSE.has(value) ? false : value;
    },
    (value) => {
      if (value === undefined) return required ? MSG.required : undefined;
      if (value === null) return MSG.nullField;
      return typeof value === 'boolean' ? undefined : MSG.invalidBoolean;
    },
    { type: Boolean, required, default: fallback, ...doc },
  );
}

export interface RefListFieldOptions extends Pick<ApiPropertyOptions, 'description' | 'example'> {
  /** What the strings name, for the messages and the documentation (`name`, `codename`). */
  slug: string;
  /** Default 1000. */
  maxItems?: number;
}

/** Python's type names, as DRF's messages say them. */
const pythonType = (v: unknown): string =>
  v === null
    ? 'NoneType'
    : Array.isArray(v)
      ? 'list'
      : typeof v === 'string'
        ? 'str'
        : typeof v === 'boolean'
          ? 'bool'
          : typeof v === 'number'
            ? Number.isInteger(v)
              ? 'int'
              : 'float'
            : 'dict';

/** A positive id (a string of digits counts as one) or a non-blank slug. */
const isRef = (v: unknown): boolean =>
  (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 2147483647) ||
  (typeof v === 'string' && v.trim() !== '' && !v.includes('\0') && [...v].length <= 255);

/**
 * DRF's ManyRelatedField: a list of related objects, each by primary key (a number, or a string of
 * digits) or by its slug (`app_label.codename`, a group name). Whether they exist is the use case's
 * check (400 "Invalid pk ..." / "Object with ... does not exist.").
 */
export function RefListField(options: RefListFieldOptions): PropertyDecorator {
  const { slug, maxItems = 1000, ...doc } = options;
  return field(
    ({ value }: { value: unknown }) =>
      Array.isArray(value)
        ? value.map((v: unknown) => (typeof v === 'string' && /^\d{1,10}$/.test(v.trim()) ? Number(v) : v))
        : value,
    (value) => {
      if (value === undefined) return undefined;
      if (value === null) return MSG.nullField;
      if (!Array.isArray(value)) return `Expected a list of items but got type "${pythonType(value)}".`;
      if (value.length > maxItems) return `Ensure this field has no more than ${maxItems} elements.`;
      const bad = (value as unknown[]).find((v) => !isRef(v));
      if (bad !== undefined)
        return `Incorrect type. Expected pk value or ${slug}, received ${pythonType(bad)}.`;
      return undefined;
    },
    {
      type: 'array',
      items: { oneOf: [{ type: 'integer' }, { type: 'string' }] },
      required: false,
      maxItems,
      ...doc,
    },
  );
}

/** DRF's DictField: a JSON object (a WebAuthn credential), kept as sent; `required: false` lets it be absent. */
export function DictField(options: Doc & { required?: boolean } = {}): PropertyDecorator {
  const { required = true, ...doc } = options;
  return field(
    ({ value }: { value: unknown }) => value,
    (value) => {
      if (value === undefined) return required ? MSG.required : undefined;
      if (value === null) return MSG.nullField;
      if (typeof value !== 'object' || Array.isArray(value))
        return `Expected a dictionary of items but got type "${pythonType(value)}".`;
      return undefined;
    },
    { type: Object, required, ...doc },
  );
}

/** One field: read (class-transformer), checked by one rule with one message, documented (Swagger). */
function field(
  read: (params: { value: unknown }) => unknown,
  problem: (value: unknown) => string | undefined,
  doc: ApiPropertyOptions,
): PropertyDecorator {
  const validator = {
    validate: (value: unknown) => problem(value) === undefined,
    defaultMessage: (args?: { value: unknown }) => problem(args?.value) ?? '',
  };
  const register: PropertyDecorator = (target, name) => {
    const fields = FIELD_DTOS.get(target.constructor) ?? [];
    FIELD_DTOS.set(target.constructor, [...fields, String(name)]);
  };
  return applyDecorators(
    register,
    Expose(),
    Transform(read),
    ValidateBy({ name: 'drfField', validator }),
    ApiProperty(doc),
  );
}
