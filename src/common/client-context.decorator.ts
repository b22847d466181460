import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Principal } from './principal';

/**
 * Who is asking: the client address (after trusted-proxy resolution), the user agent, and once
 * authenticated the acting user and the prefix of the API key they used. Spread into a security event,
 * it records who made the change (actor_id, actor_key) beside whom it was made to.
 */
export interface ClientContext {
  ip: string;
  userAgent: string | undefined;
  actorId?: number | null;
  actorKey?: string | null;
}

export function clientContextOf(req: FastifyRequest): ClientContext {
  const ua = req.headers['user-agent'];
  const principal = (req as FastifyRequest & { user?: Principal }).user;
  return {
    ip: req.ip,
    userAgent: typeof ua === 'string' ? ua.slice(0, 512) : undefined,
    actorId: principal?.user.id ?? null,
    actorKey: principal?.apiKey?.prefix ?? null,
  };
}

/** The request's ClientContext, for services that record or limit per client. */
export const Client = createParamDecorator((_: unknown, ctx: ExecutionContext) =>
  clientContextOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
