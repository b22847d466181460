import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiResponse,
  ApiSecurity,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import { AuthErrorResponse, ErrorResponse } from './dto/error.response';
import { MSG } from './errors';
import { fieldsOf } from './serializer-fields';

// The answers the OpenAPI document promises, written once and used by every controller. Each one is an
// answer the server really gives (test/openapi.e2e-spec.ts sends a request for every one of them).

const BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/** An error in `{"detail": …, "code": …}` shape with the example it really gives. */
export const ApiError = (status: number, description: string, example: Record<string, unknown>) =>
  ApiResponse({ status, description, type: ErrorResponse, example });

/**
 * DRF field errors: one key per bad field (of `fields`), each with one or more messages; with `jsonBody`, also
 * the `detail` of a body that is not valid JSON.
 */
export function ApiFieldErrors(
  fields: readonly string[],
  description: string,
  example: Record<string, string[]>,
  jsonBody = false,
): MethodDecorator & ClassDecorator {
  const messages = { type: 'array', items: { type: 'string' } } as const;
  const parseError = {
    type: 'string',
    description: 'Only for a body that is not valid JSON: `JSON parse error - <what is wrong>`',
    example: "JSON parse error - Expected property name or '}' in JSON at position 1",
  } as const;
  const properties = Object.fromEntries([...fields, 'non_field_errors'].map((f) => [f, messages]));
  return ApiResponse({
    status: 400,
    description: jsonBody
      ? `${description}. Malformed JSON: \`{"detail": "JSON parse error - …"}\``
      : description,
    schema: { type: 'object', properties: jsonBody ? { ...properties, detail: parseError } : properties },
    example,
  });
}

/**
 * A route that reads a body of `dto` (its 400 lists the DTO's fields, plus `extra` fields that the use
 * case checks), in any of the three media types; 413 past BODY_LIMIT, 415 for any other media type.
 */
export function ApiRequestBody(
  dto: Type,
  options: { required?: boolean; description?: string; example?: Record<string, string[]> } = {},
): MethodDecorator {
  const fields = fieldsOf(dto);
  return applyDecorators(
    ApiConsumes(...BODY_TYPES),
    ApiBody({ type: dto, required: options.required ?? true }),
    ApiFieldErrors(
      fields,
      options.description ?? 'Field errors in DRF words; a body that is not an object: `non_field_errors`',
      options.example ?? { [fields[0]]: [MSG.required] },
      true,
    ),
    ApiError(413, 'The body is larger than BODY_LIMIT', {
      detail: MSG.tooLarge,
      code: 'request_too_large',
    }),
    ApiError(415, 'Not JSON, form-urlencoded or multipart', {
      detail: 'Unsupported media type "text/plain" in request.',
    }),
  );
}

/**
 * A bearer access token or an API key (`Authorization: Api-Key <key>`) is needed: 401 in simplejwt's
 * (or, for a key, DRF's TokenAuthentication's) words otherwise.
 */
export const ApiAuthenticated = (): MethodDecorator & ClassDecorator =>
  applyDecorators(ApiTokenAuthenticated(), ApiSecurity('api-key'));

/** A route for an access token only (see TokenOnly): the bearer scheme and the 401. */
export const ApiTokenAuthenticated = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiBearerAuth(),
    ApiExtraModels(AuthErrorResponse),
    ApiResponse({
      status: 401,
      description:
        'No, or a refused, access token (`WWW-Authenticate: Bearer realm="api"`); a refused token also ' +
        'gets `code` and `messages`',
      schema: { $ref: getSchemaPath(AuthErrorResponse) },
      example: { detail: MSG.notProvided },
    }),
  );
