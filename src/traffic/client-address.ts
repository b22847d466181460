import { Logger } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { canonicalIp } from './ip-matcher';

const BRACKETED = /^\[([^\]]+)\](?::\d{1,5})?$/;
const IPV4_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;

/**
 * The IP address in `raw`, however a proxy wrote it: `1.2.3.4:5678` and `[::1]:443` lose their port and
 * brackets, IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is the IPv4 address, IPv6 is lower-case. Undefined when it
 * is not an IP address.
 */
export function normalizeAddress(raw: string): string | undefined {
  let text = raw.trim();
  const bracketed = BRACKETED.exec(text);
  if (bracketed) text = bracketed[1];
  else text = IPV4_PORT.exec(text)?.[1] ?? text;
  const ip = canonicalIp(text);
  if (ip === undefined) return undefined;
  return ip.family === 'ipv6' ? ip.address.toLowerCase() : ip.address;
}

/**
 * Gives each request one client address, however it was written, before the IP rules, the limits, the
 * sessions and the logs read `req.ip`: Fastify's value (the peer, or with TRUSTED_PROXIES the rightmost
 * untrusted X-Forwarded-For hop) normalised; what is not an IP address falls back to the peer, which is
 * logged once per process, not per request.
 */
export class ClientAddresses {
  private readonly log = new Logger('ClientAddress');
  private warned = false;

  settle(req: FastifyRequest): string {
    const given = req.ip;
    let address = normalizeAddress(given);
    if (address === undefined) {
      const peer = req.socket.remoteAddress ?? '';
      address = normalizeAddress(peer) ?? peer;
      if (!this.warned) {
        this.warned = true;
        this.log.warn(
          `client address ${JSON.stringify(given.slice(0, 100))} (X-Forwarded-For from a trusted proxy) is not an IP address: ` +
            `the peer ${address} stands for the client (said once; check the proxy's X-Forwarded-For)`,
        );
      }
    }
    // An own property shadows Fastify's getter, which would otherwise parse X-Forwarded-For at every read.
    if (address !== given) Object.defineProperty(req, 'ip', { value: address, configurable: true });
    return address;
  }
}
