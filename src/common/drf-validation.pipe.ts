import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from './domain-error';
import { isFieldDto } from './serializer-fields';

const PYTHON_TYPE: Record<string, string> = { string: 'str', boolean: 'bool' };

/**
 * The global pipe: a request body whose type is a DTO of serializer fields (CharField, BooleanField) is
 * read and checked by that class, and refused in DRF's words — `{"field": ["message"]}` for every bad
 * field at once, `{"non_field_errors": [...]}` for a body that is not an object. Everything else
 * (path parameters, custom decorators, routes without a body) passes untouched and costs nothing.
 */
@Injectable()
export class DrfValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      transformOptions: { excludeExtraneousValues: true },
      validationError: { target: false, value: false },
      exceptionFactory: fieldErrors,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'body' || !isFieldDto(metadata.metatype)) return value;
    return super.transform(asDictionary(value), metadata);
  }
}

/** DRF's Serializer.to_internal_value: no body is `{}`, null or a non-object is a non-field error. */
function asDictionary(body: unknown): object {
  if (body === undefined) return {};
  if (body === null) throw DomainError.nonField('No data provided');
  if (typeof body === 'object' && !Array.isArray(body)) return body;
  const got = Array.isArray(body)
    ? 'list'
    : typeof body === 'number'
      ? Number.isInteger(body)
        ? 'int'
        : 'float'
      : (PYTHON_TYPE[typeof body] ?? typeof body);
  throw DomainError.nonField(`Invalid data. Expected a dictionary, but got ${got}.`);
}

/** One key per bad field, one message each (every field has exactly one rule). */
function fieldErrors(errors: ValidationError[]): DomainError {
  const body: Record<string, string[]> = {};
  for (const e of errors) body[e.property] = Object.values(e.constraints ?? {}).slice(0, 1);
  return DomainError.fields(body);
}
