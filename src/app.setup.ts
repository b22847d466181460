import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, RequestListener } from 'node:http';
import { FastifyReply, FastifyRequest } from 'fastify';
import pino from 'pino';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { DomainError } from './common/domain-error';
import { PinoNestLogger } from './common/pino-nest-logger';
import { Configuration } from './config/configuration';
import { BastionFastifyAdapter, sendError } from './http/bastion-fastify.adapter';
import { clientErrorHandler } from './http/client-error.handler';
import { registerBodyParsers } from './http/body-parsers';
import { notFoundHandler } from './http/not-found.handler';
import { RouteTable } from './http/route-table';
import { headersFor, securityHeaderSets } from './http/security-headers';
import { createServer, trustProxyOption } from './traffic/http-server';
import { registerTrafficHooks } from './traffic/traffic.hooks';

/** Longest request line path we serve; the contract allows 414 past ~4 KB. */
const MAX_URL_LENGTH = 4094;
/** Node's limit on the whole header block: a field over ~8 KB is refused with 431. */
const MAX_HEADER_BYTES = 8192;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function createLogger(config: Configuration): pino.Logger {
  return pino({
    level: config.app.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  });
}

/** Fastify's options: what must be fixed before the server exists. */
export function createAdapter(config: Configuration, logger: pino.Logger): BastionFastifyAdapter {
  return new BastionFastifyAdapter({
    loggerInstance: logger,
    bodyLimit: config.app.bodyLimit,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    trustProxy: trustProxyOption(config.traffic.network),
    // A malformed URL (`/%ff`) is answered by Fastify before any hook runs: the contract's body and headers.
    frameworkErrors: (err: Error, req: FastifyRequest, reply: FastifyReply) =>
      void sendError(err, req, reply),
    // What Node's HTTP parser refuses (header block too large, malformed request): JSON and security headers.
    clientErrorHandler,
    serverFactory: (handler: RequestListener) =>
      createServer(
        config.traffic.network,
        { maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 30_000, headersTimeout: 10_000 },
        handler,
      ),
  });
}

/**
 * Everything that is not a provider: body parsers, headers, 404/405, Swagger, shutdown hooks.
 * main.ts and the e2e tests both call it, so tests run the production pipeline.
 */
export async function configureApp(app: NestFastifyApplication, config: Configuration): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  app.useLogger(new PinoNestLogger(fastify.log as pino.Logger));
  registerBodyParsers(fastify);
  const headerSets = securityHeaderSets(Boolean(config.traffic.network.tls));
  fastify.addHook('onRequest', async (req, reply) => {
    void reply.headers(headersFor(headerSets, req.url)).header('X-Request-Id', req.id);
    if (req.url.length > MAX_URL_LENGTH) throw DomainError.coded('uri_too_long', 'Request URI too long.');
  });
  await registerTrafficHooks(app, config.traffic.network, config.jwt.refreshCookie);
  (app.getHttpAdapter() as BastionFastifyAdapter).useNotFoundHandler(
    notFoundHandler(app.get(RouteTable), app.get(JwtAuthGuard)),
  );
  if (config.app.swaggerEnabled) setupSwagger(app);
  app.enableShutdownHooks();
  await app.init();
}

function setupSwagger(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Bastion')
      .setDescription(
        'simplejwt-compatible token service. Log in with POST /api/token/ ("Try it out"), copy the ' +
          '`access` token, click Authorize and paste it, then call GET /api/secure/.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}
