import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, RequestListener } from 'node:http';
import { FastifyReply, FastifyRequest, LogLevel } from 'fastify';
import pino from 'pino';
import pinoPretty from 'pino-pretty';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { servePasskeyPage } from './mfa/passkey-page';
import { DomainError } from './common/domain-error';
import { PinoNestLogger } from './common/pino-nest-logger';
import { Configuration } from './config/configuration';
import { BastionFastifyAdapter, sendError } from './http/bastion-fastify.adapter';
import { clientErrorHandler } from './http/client-error.handler';
import { registerBodyParsers } from './http/body-parsers';
import { redactingSerializers, redactMessages } from './http/log-redaction';
import { notFoundHandler } from './http/not-found.handler';
import { RouteTable } from './http/route-table';
import { headersFor, securityHeaderSets } from './http/security-headers';
import { serveLiveness } from './health/live-listener';
import { serveMetrics } from './metrics/metrics-endpoint';
import { IpPolicy } from './traffic/ip-policy';
import { createServer, trustProxyOption } from './traffic/http-server';
import { registerOverloadShedding } from './traffic/overload';
import { registerTrafficHooks } from './traffic/traffic.hooks';

/** Longest request line path we serve; the contract allows 414 past ~4 KB. */
const MAX_URL_LENGTH = 4094;
/** Node's limit on the whole header block: a field over ~8 KB is refused with 431. */
const MAX_HEADER_BYTES = 8192;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Where logs go: `pretty` (development on a terminal) readable lines; else JSON to stdout or `destination`. */
export interface LogOutput {
  pretty?: boolean;
  destination?: pino.DestinationStream;
}

/** The one logger. No credential, query value or token-like value is written, in either format. */
export function createLogger(config: Configuration, output: LogOutput = {}): pino.Logger {
  const options = {
    level: config.app.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: redactingSerializers,
    hooks: { logMethod: redactMessages },
  };
  if (!output.pretty) return pino(options, output.destination);
  return pino(
    options,
    pinoPretty({
      sync: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,context,reqId,req,res,responseTime',
      messageFormat:
        '{if context}[{context}] {end}{msg}{if req} {req.method} {req.url}{end}{if res} {res.statusCode} in {responseTime} ms{end}',
    }),
  );
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
  // Every route at the logger's own level, said once: left unset (''), each request's child logger
  // would have pino derive its level methods again (setLevel on every child).
  fastify.addHook('onRoute', (route) => {
    route.logLevel ||= fastify.log.level as LogLevel;
  });
  const headerSets = securityHeaderSets(Boolean(config.traffic.network.tls));
  // A callback hook: nothing here waits, so no promise per request.
  fastify.addHook('onRequest', (req, reply, done) => {
    for (const [name, value] of headersFor(headerSets, req.url)) void reply.header(name, value);
    void reply.header('x-request-id', req.id);
    if (req.url.length > MAX_URL_LENGTH) done(DomainError.coded('uri_too_long', 'Request URI too long.'));
    else done();
  });
  await registerOverloadShedding(app, config.traffic.overload);
  await registerTrafficHooks(app, config.traffic.network, config.jwt.refreshCookie);
  (app.getHttpAdapter() as BastionFastifyAdapter).useNotFoundHandler(
    notFoundHandler(app.get(RouteTable), app.get(JwtAuthGuard)),
  );
  if (config.app.swaggerEnabled) setupSwagger(app);
  if (config.app.swaggerEnabled && config.mfa.rpId !== undefined) servePasskeyPage(fastify);
  await serveMetrics(app, config.app, app.get(IpPolicy));
  await serveLiveness(app, config.app);
  app.enableShutdownHooks();
  await app.get(RouteTable).recordRoutesOf(fastify, () => app.init());
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
      .addApiKey(
        {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'An API key from POST /api/keys/, entered as `Api-Key <key>`',
        },
        'api-key',
      )
      .addTag('token', "Log in, refresh, verify, log out: simplejwt's token endpoints (public)")
      .addTag('users', 'Registration, the current user, password change')
      .addTag('mfa', 'My second factors: TOTP with recovery codes, passkeys (the login then takes two steps)')
      .addTag('sessions', 'My sessions (one per login): list, end one, log out everywhere')
      .addTag(
        'secure',
        'The protected example endpoints: any authenticated caller, and a declared permission',
      )
      .addTag('admin', 'Users, groups, permissions and the security event log (model permissions)')
      .addTag('api-keys', 'My API keys for machines: create (shown once), list, revoke')
      .addTag('keys', 'Public verification keys (JWKS)')
      .addTag('health', 'Probes for orchestrators (never throttled)')
      .addTag('gateway', 'For gateways in front of your API: RFC 7662 token introspection (docs/gateway.md)')
      .build(),
  );
  document.paths = withClientSlashes(document.paths);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}

/** The API's paths as clients call them, with DRF's trailing slash (`/api/token/`); both forms are served. */
function withClientSlashes(paths: OpenAPIObject['paths']): OpenAPIObject['paths'] {
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => [path.startsWith('/api/') ? `${path}/` : path, item]),
  );
}
