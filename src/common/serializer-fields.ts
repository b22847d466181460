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
