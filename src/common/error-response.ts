import { HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isDatabaseUnavailable } from './database-errors';
import { DomainError } from './domain-error';
import { Errors } from './errors';

export interface ErrorResponseParts {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export const WWW_AUTHENTICATE = 'Bearer realm="api"';
const log = new Logger('Errors');

/**
 * Every error the API sends, from Nest's pipeline or from Fastify's (body parsing, limits), becomes the
 * contract's shape here. A 500 never shows what went wrong: it carries an id that is also in the log.
 */
export function toErrorResponse(err: unknown, requestContentType?: string): ErrorResponseParts {
  const e = toDomainError(err, requestContentType);
  if (e) {
    const headers = e.status === 401 ? { ...e.headers, 'WWW-Authenticate': WWW_AUTHENTICATE } : e.headers;
    return { status: e.status, headers, body: e.body };
  }
  if (err instanceof HttpException) return fromHttpException(err);
  const clientError = fastifyClientError(err);
  if (clientError) return clientError;
  const errorId = randomUUID();
  log.error({ msg: 'unhandled error', errorId, err }, err instanceof Error ? err.stack : undefined);
  return {
    status: 500,
    headers: {},
    body: { detail: 'A server error occurred.', code: 'server_error', error_id: errorId },
  };
}

function toDomainError(err: unknown, contentType: string | undefined): DomainError | undefined {
  if (err instanceof DomainError) return err;
  if (isDatabaseUnavailable(err)) return Errors.serviceUnavailable();
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return Errors.requestTooLarge();
    case 'FST_ERR_BAD_URL': // a path that cannot be decoded (`/%ff`) names no route
      return Errors.notFound();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return Errors.unsupportedMediaType(contentType ?? '');
    default:
      return undefined;
  }
}

/** Nest's own exceptions and Fastify's 4xx errors: `{"detail": message}` with their status. */
function fromHttpException(err: HttpException): ErrorResponseParts {
  const status = err.getStatus();
  const res = err.getResponse();
  const message = typeof res === 'string' ? res : (res as { message?: unknown }).message;
  const detail =
    status === 404 ? 'Not found.' : Array.isArray(message) ? message.join('; ') : String(message);
  const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': WWW_AUTHENTICATE } : {};
  return { status, headers, body: { detail } };
}

/** Fastify's own client errors (bad Content-Length, malformed URL, ...) that carry a 4xx status. */
function fastifyClientError(err: unknown): ErrorResponseParts | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const detail = err instanceof Error ? err.message : 'Bad request.';
  return {
    status,
    headers: status === 401 ? { 'WWW-Authenticate': WWW_AUTHENTICATE } : {},
    body: { detail },
  };
}
