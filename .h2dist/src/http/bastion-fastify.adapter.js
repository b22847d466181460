"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BastionFastifyAdapter = void 0;
exports.sendError = sendError;
const platform_fastify_1 = require("@nestjs/platform-fastify");
const error_response_1 = require("../common/error-response");
const client_error_handler_1 = require("./client-error.handler");
/**
 * Fastify, with Bastion's not-found (404/405/OPTIONS) and error handlers in place of Nest's defaults,
 * so errors raised before Nest's pipeline (body parsing, limits, unknown routes) get the contract's
 * shape too. Nest installs its handlers during init; these overrides make it install ours instead.
 */
class BastionFastifyAdapter extends platform_fastify_1.FastifyAdapter {
    notFound;
    useNotFoundHandler(handler) {
        this.notFound = handler;
    }
    setNotFoundHandler(handler) {
        return super.setNotFoundHandler(this.notFound ?? handler);
    }
    /**
     * Nest would add its own JSON and urlencoded parsers during init, shadowing body-parsers.ts for those
     * two exact media types (arrays for duplicate form keys, Fastify's parse errors): keep only ours.
     */
    registerParserMiddleware() { }
    setErrorHandler(_nestHandler) {
        return super.setErrorHandler(sendError);
    }
}
exports.BastionFastifyAdapter = BastionFastifyAdapter;
/** Fastify's error handler: the same rendering as the Nest exception filter. */
async function sendError(err, req, reply) {
    const { status, headers, body } = (0, error_response_1.toErrorResponse)(err, req.headers['content-type']);
    // Errors raised before helmet's hook ran (URI too long, a malformed URL) still carry its headers.
    for (const [name, value] of Object.entries(client_error_handler_1.ERROR_SECURITY_HEADERS)) {
        if (!reply.hasHeader(name))
            void reply.header(name, value);
    }
    await reply.code(status).headers(headers).send(body);
}
//# sourceMappingURL=bastion-fastify.adapter.js.map