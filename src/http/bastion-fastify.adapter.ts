import { FastifyAdapter } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from '../common/error-response';
import { ERROR_SECURITY_HEADERS } from './client-error.handler';

type NotFound = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * Fastify, with Bastion's not-found (404/405/OPTIONS) and error handlers in place of Nest's defaults,
 * so errors raised before Nest's pipeline (body parsing, limits, unknown routes) get the contract's
 * shape too. Nest installs its handlers during init; these overrides make it install ours instead.
 */
export class BastionFastifyAdapter extends FastifyAdapter {
  private notFound: NotFound | undefined;

  useNotFoundHandler(handler: NotFound): void {
    this.notFound = handler;
  }

  override setNotFoundHandler(handler: Parameters<FastifyAdapter['setNotFoundHandler']>[0]) {
    return super.setNotFoundHandler(this.notFound ?? handler);
  }

  override setErrorHandler(_nestHandler: Parameters<FastifyAdapter['setErrorHandler']>[0]) {
    return super.setErrorHandler(sendError);
  }
}

/** Fastify's error handler: the same rendering as the Nest exception filter. */
export async function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { status, headers, body } = toErrorResponse(err, req.headers['content-type']);
  // Errors raised before the security-header hook ran (URI too long, a malformed URL) still carry them.
  for (const [name, value] of Object.entries(ERROR_SECURITY_HEADERS)) {
    if (!reply.hasHeader(name)) void reply.header(name, value);
  }
  await reply.code(status).headers(headers).send(body);
}
