import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app.config';
import { BastionMetrics } from './bastion-metrics';

/** Who may scrape: IpPolicy.checkMetrics (METRICS_IP_ALLOWLIST); throws 403 `ip_forbidden` otherwise. */
export interface ScrapePolicy {
  checkMetrics(ip: string): void;
}

const PATH = '/metrics';

/**
 * With METRICS_ENABLED: times every response (onResponse hook, labelled by route template) and serves
 * `GET /metrics` to allow-listed clients, on the API port (a plain Fastify route: outside the JWT guard
 * and the throttler) or, with METRICS_PORT, on its own small node:http listener (closed with the app).
 */
export async function serveMetrics(
  app: NestFastifyApplication,
  config: AppConfig,
  policy: ScrapePolicy,
): Promise<void> {
  if (!config.metricsEnabled) return;
  const metrics = app.get(BastionMetrics);
  metrics.collectProcessMetrics();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (req, reply, done) => {
    metrics.http.observe(req.method, req.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  if (config.metricsPort === undefined) {
    fastify.get(
      PATH,
      {
        onRequest: (req: FastifyRequest, _reply: FastifyReply, done: (e?: Error) => void) => {
          try {
            policy.checkMetrics(req.ip);
            done();
          } catch (e) {
            done(e as Error);
          }
        },
      },
      async (_req: FastifyRequest, reply: FastifyReply) =>
        reply.header('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
    return;
  }
  const server = createServer((req, res) => {
    scrape(req, res, metrics, policy).catch(() =>
      json(res, 500, { detail: 'A server error occurred.', code: 'server_error' }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metricsPort, config.host, () => resolve());
  });
  fastify.addHook('onClose', () => closeServer(server));
}

/** The METRICS_PORT listener: GET/HEAD /metrics, the client being the TCP peer (no proxy headers). */
async function scrape(
  req: IncomingMessage,
  res: ServerResponse,
  metrics: BastionMetrics,
  policy: ScrapePolicy,
): Promise<void> {
  const path = (req.url ?? '').split('?', 1)[0].replace(/\/$/, '');
  if (path !== PATH || (req.method !== 'GET' && req.method !== 'HEAD')) {
    return json(res, 404, { detail: 'Not found.' });
  }
  try {
    policy.checkMetrics(req.socket.remoteAddress ?? '');
  } catch (e) {
    if (e instanceof DomainError) return json(res, 403, e.body);
    throw e;
  }
  const body = await metrics.registry.metrics();
  res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
