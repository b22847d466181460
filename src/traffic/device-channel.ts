import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The device cookie's name: DEVICE_COOKIE + `_` + a keyed hash of the account (DeviceTokens.cookieName), one
 * cookie per account, so a login to another account (an attacker's, forged from any site) sets another
 * cookie and cannot replace this account's. The bare name is still read, never set (cookies of older versions).
 */
export const DEVICE_COOKIE = 'bastion_device';
export const DEVICE_HEADER = 'X-Device-Token';
/** Login routes only: the browser sends the device cookie to the token endpoints and nowhere else. */
const COOKIE_PATH = '/api/token';

/** How a client shows its device token and receives a new one (header for API clients, cookie for browsers). */
export interface DeviceChannel {
  /** The token the client sent: the X-Device-Token header, else the account's device cookie `cookie`. */
  presented(cookie: string): string | undefined;
  /** Hands a token to the client: the X-Device-Token response header and a `Secure; HttpOnly` cookie. */
  issue(cookie: string, token: string, maxAgeSeconds: number): void;
}

export function deviceChannelOf(req: FastifyRequest, reply: FastifyReply): DeviceChannel {
  const header = req.headers[DEVICE_HEADER.toLowerCase()];
  return {
    presented: (cookie) =>
      typeof header === 'string'
        ? header
        : (readCookie(req.headers.cookie, cookie) ?? readCookie(req.headers.cookie, DEVICE_COOKIE)),
    issue: (cookie, token, maxAge) => {
      void reply.header(DEVICE_HEADER, token);
      void reply.header(
        'Set-Cookie',
        `${cookie}=${token}; Max-Age=${maxAge}; Path=${COOKIE_PATH}; Secure; HttpOnly; SameSite=Strict`,
      );
    },
  };
}

/** The request's DeviceChannel, for the routes that check a password. */
export const Device = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const http = ctx.switchToHttp();
  return deviceChannelOf(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
});

/** Cookie `name`'s value; undefined when absent or given twice (one may be planted by a sibling domain). */
function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  const values = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`));
  return values.length === 1 ? values[0].slice(name.length + 1) : undefined;
}
