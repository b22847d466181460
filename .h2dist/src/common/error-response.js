"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WWW_AUTHENTICATE = void 0;
exports.toErrorResponse = toErrorResponse;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const database_errors_1 = require("../database/database-errors");
const domain_error_1 = require("./domain-error");
const errors_1 = require("./errors");
exports.WWW_AUTHENTICATE = 'Bearer realm="api"';
const log = new common_1.Logger('Errors');
/**
 * Every error the API sends, from Nest's pipeline or from Fastify's (body parsing, limits), becomes the
 * contract's shape here. A 500 never shows what went wrong: it carries an id that is also in the log.
 */
function toErrorResponse(err, requestContentType) {
    const e = toDomainError(err, requestContentType);
    if (e) {
        const headers = e.status === 401 ? { ...e.headers, 'WWW-Authenticate': exports.WWW_AUTHENTICATE } : e.headers;
        return { status: e.status, headers, body: e.body };
    }
    if (err instanceof common_1.HttpException)
        return fromHttpException(err);
    const clientError = fastifyClientError(err);
    if (clientError)
        return clientError;
    const errorId = (0, node_crypto_1.randomUUID)();
    log.error({ msg: 'unhandled error', errorId, err }, err instanceof Error ? err.stack : undefined);
    return {
        status: 500,
        headers: {},
        body: { detail: 'A server error occurred.', code: 'server_error', error_id: errorId },
    };
}
function toDomainError(err, contentType) {
    if (err instanceof domain_error_1.DomainError)
        return err;
    if ((0, database_errors_1.isDatabaseUnavailable)(err))
        return errors_1.Errors.serviceUnavailable();
    const code = err?.code;
    switch (code) {
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
            return errors_1.Errors.requestTooLarge();
        case 'FST_ERR_BAD_URL': // a path that cannot be decoded (`/%ff`) names no route
            return errors_1.Errors.notFound();
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
            return errors_1.Errors.unsupportedMediaType(contentType ?? '');
        default:
            return undefined;
    }
}
/** Nest's own exceptions and Fastify's 4xx errors: `{"detail": message}` with their status. */
function fromHttpException(err) {
    const status = err.getStatus();
    const res = err.getResponse();
    const message = typeof res === 'string' ? res : res.message;
    const detail = status === 404 ? 'Not found.' : Array.isArray(message) ? message.join('; ') : String(message);
    const headers = status === 401 ? { 'WWW-Authenticate': exports.WWW_AUTHENTICATE } : {};
    return { status, headers, body: { detail } };
}
/** Fastify's own client errors (bad Content-Length, malformed URL, ...) that carry a 4xx status. */
function fastifyClientError(err) {
    const status = err?.statusCode;
    if (typeof status !== 'number' || status < 400 || status >= 500)
        return undefined;
    const detail = err instanceof Error ? err.message : 'Bad request.';
    return {
        status,
        headers: status === 401 ? { 'WWW-Authenticate': exports.WWW_AUTHENTICATE } : {},
        body: { detail },
    };
}
//# sourceMappingURL=error-response.js.map