import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';

export const DEVICE_COOKIE = 'bastion_device';
export const DEVICE_HEADER = 'X-Device-Token';
/** Login routes only: the browser sends the device cookie to the token endpoints and nowhere else. */
const COOKIE_PATH = '/api/token';

/** How a client shows its device token and receives a new one (header for API clients, cookie for browsers). */
export interface DeviceChannel {
  /** The token the client sent: the X-Device-Token header, else the device cookie. */
  presented: string | undefined;
  /** Hands a token to the client: the X-Device-Token response header and a `Secure; HttpOnly` cookie. */
  issue(token: string, maxAgeSeconds: number): void;
}

export function deviceChannelOf(req: FastifyRequest, reply: FastifyReply): DeviceChannel {
  const header = req.headers[DEVICE_HEADER.toLowerCase()];
  return {
    presented: typeof header === 'string' ? header : readCookie(req.headers.cookie),
    issue: (token, maxAge) => {
      void reply.header(DEVICE_HEADER, token);
      void reply.header(
        'Set-Cookie',
        `${DEVICE_COOKIE}=${token}; Max-Age=${maxAge}; Path=${COOKIE_PATH}; Secure; HttpOnly; SameSite=Strict`,
      );
    },
  };
}

/** The request's DeviceChannel, for the routes that check a password. */
export const Device = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const http = ctx.switchToHttp();
  return deviceChannelOf(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
});

/** The device cookie's value; undefined when absent or given twice (one may be planted by a sibling domain). */
function readCookie(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const values = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${DEVICE_COOKIE}=`));
  return values.length === 1 ? values[0].slice(DEVICE_COOKIE.length + 1) : undefined;
}
