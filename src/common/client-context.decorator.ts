import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

/** Who is asking: the client address (after trusted-proxy resolution) and the user agent. */
export interface ClientContext {
  ip: string;
  userAgent: string | undefined;
}

export function clientContextOf(req: FastifyRequest): ClientContext {
  const ua = req.headers['user-agent'];
  return { ip: req.ip, userAgent: typeof ua === 'string' ? ua.slice(0, 512) : undefined };
}

/** The request's ClientContext, for services that record or limit per client. */
export const Client = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  clientContextOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
