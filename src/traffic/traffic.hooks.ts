import cors from '@fastify/cors';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyRequest } from 'fastify';
import { NetworkConfig } from '../config/network.config';
import { ClientAddresses } from './client-address';
import { DEVICE_HEADER } from './device-channel';
import { IpPolicy } from './ip-policy';
import { RateLimitGuard } from './rate-limit.guard';

const DOCS = /^\/docs(?:[/?#-]|$)/;

/**
 * What traffic protection needs outside Nest's pipeline: one normalised client address per request
 * (client-address.ts), the global IP rules on every request (404s
 * and Swagger included), the Swagger UI's allow-list and throttling (/docs is plain Fastify routes),
 * and CORS for the CORS_ORIGINS allow-list. Health routes are checked against the IP rules too.
 */
export async function registerTrafficHooks(
  app: NestFastifyApplication,
  network: NetworkConfig,
  /** Cookie mode: allow-listed origins may send the refresh cookie (Access-Control-Allow-Credentials). */
  credentials = false,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const policy = app.get(IpPolicy);
  const limiter = app.get(RateLimitGuard);
  const addresses = new ClientAddresses();
  // A callback hook: only /docs waits (for the limiter), so API requests make no promise here.
  fastify.addHook('onRequest', (req, reply, done) => {
    try {
      policy.checkGlobal(addresses.settle(req));
      if (!DOCS.test(req.url)) return done();
      policy.checkDocs(req.ip);
    } catch (e) {
      return done(e as Error);
    }
    limiter.limitPlainRoute(req, reply).then(() => done(), done);
  });
  if (network.corsOrigins.length > 0) await registerCors(app, new Set(network.corsOrigins), credentials);
}

/**
 * Only a real preflight (Origin allowed + Access-Control-Request-Method) is answered by @fastify/cors;
 * any other OPTIONS falls through to our own OPTIONS/405 handling with its Allow header.
 */
async function registerCors(
  app: NestFastifyApplication,
  origins: Set<string>,
  credentials: boolean,
): Promise<void> {
  await app.register(cors, {
    hideOptionsRoute: true,
    delegator: (req: FastifyRequest, cb: (e: Error | null, o: object) => void) => {
      const origin = req.headers.origin;
      const allowed = origin !== undefined && origins.has(origin);
      const preflightOk =
        req.method !== 'OPTIONS' || req.headers['access-control-request-method'] !== undefined;
      cb(null, {
        origin: allowed && preflightOk ? origin : false,
        methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', DEVICE_HEADER],
        exposedHeaders: ['Retry-After', 'RateLimit', 'RateLimit-Policy', 'X-Request-Id', DEVICE_HEADER],
        maxAge: 600,
        credentials,
      });
    },
  });
}
