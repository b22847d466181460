"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createLogger = createLogger;
exports.createAdapter = createAdapter;
exports.configureApp = configureApp;
const helmet_1 = __importDefault(require("@fastify/helmet"));
const swagger_1 = require("@nestjs/swagger");
const node_crypto_1 = require("node:crypto");
const pino_1 = __importDefault(require("pino"));
const access_authenticator_1 = require("./auth/access-authenticator");
const domain_error_1 = require("./common/domain-error");
const pino_nest_logger_1 = require("./common/pino-nest-logger");
const bastion_fastify_adapter_1 = require("./http/bastion-fastify.adapter");
const client_error_handler_1 = require("./http/client-error.handler");
const body_parsers_1 = require("./http/body-parsers");
const not_found_handler_1 = require("./http/not-found.handler");
const route_table_1 = require("./http/route-table");
const http_server_1 = require("./traffic/http-server");
const traffic_hooks_1 = require("./traffic/traffic.hooks");
/** Longest request line path we serve; the contract allows 414 past ~4 KB. */
const MAX_URL_LENGTH = 4094;
/** Node's limit on the whole header block: a field over ~8 KB is refused with 431. */
const MAX_HEADER_BYTES = 8192;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
function createLogger(config) {
    return (0, pino_1.default)({
        level: config.app.logLevel,
        redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    });
}
/** Fastify's options: what must be fixed before the server exists. */
function createAdapter(config, logger) {
    return new bastion_fastify_adapter_1.BastionFastifyAdapter({
        loggerInstance: logger,
        bodyLimit: config.app.bodyLimit,
        routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
        genReqId: (req) => {
            const given = req.headers['x-request-id'];
            return typeof given === 'string' && REQUEST_ID.test(given) ? given : (0, node_crypto_1.randomUUID)();
        },
        trustProxy: (0, http_server_1.trustProxyOption)(config.traffic.network),
        // A malformed URL (`/%ff`) is answered by Fastify before any hook runs: the contract's body and headers.
        frameworkErrors: (err, req, reply) => void (0, bastion_fastify_adapter_1.sendError)(err, req, reply),
        // What Node's HTTP parser refuses (header block too large, malformed request): JSON and security headers.
        clientErrorHandler: client_error_handler_1.clientErrorHandler,
        serverFactory: (handler) => (0, http_server_1.createServer)(config.traffic.network, { maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 30_000, headersTimeout: 10_000 }, handler),
    });
}
/**
 * Everything that is not a provider: body parsers, headers, 404/405, Swagger, shutdown hooks.
 * main.ts and the e2e tests both call it, so tests run the production pipeline.
 */
async function configureApp(app, config) {
    const fastify = app.getHttpAdapter().getInstance();
    app.useLogger(new pino_nest_logger_1.PinoNestLogger(fastify.log));
    (0, body_parsers_1.registerBodyParsers)(fastify);
    fastify.addHook('onRequest', async (req, reply) => {
        void reply.header('X-Request-Id', req.id);
        if (req.url.length > MAX_URL_LENGTH)
            throw domain_error_1.DomainError.coded('uri_too_long', 'Request URI too long.');
    });
    await app.register(helmet_1.default, {
        frameguard: { action: 'deny' },
        referrerPolicy: { policy: 'same-origin' },
        hsts: config.traffic.network.tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
        contentSecurityPolicy: {
            directives: {
                defaultSrc: ["'self'"],
                styleSrc: ["'self'", "'unsafe-inline'"],
                imgSrc: ["'self'", 'data:'],
                scriptSrc: ["'self'"],
                // plain-HTTP deployments (TLS at the gateway, or none): upgrading would break Swagger UI's assets
                upgradeInsecureRequests: null,
            },
        },
    });
    await (0, traffic_hooks_1.registerTrafficHooks)(app, config.traffic.network);
    app.getHttpAdapter().useNotFoundHandler((0, not_found_handler_1.notFoundHandler)(app.get(route_table_1.RouteTable), app.get(access_authenticator_1.AccessAuthenticator)));
    if (config.app.swaggerEnabled)
        setupSwagger(app);
    app.enableShutdownHooks();
    await app.init();
}
function setupSwagger(app) {
    const document = swagger_1.SwaggerModule.createDocument(app, new swagger_1.DocumentBuilder()
        .setTitle('Bastion')
        .setDescription('simplejwt-compatible token service. Log in with POST /api/token/ ("Try it out"), copy the ' +
        '`access` token, click Authorize and paste it, then call GET /api/secure/.')
        .setVersion('0.1.0')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
        .build());
    swagger_1.SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', swaggerOptions: { persistAuthorization: true } });
}
//# sourceMappingURL=app.setup.js.map