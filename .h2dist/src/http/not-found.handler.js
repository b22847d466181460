"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.notFoundHandler = notFoundHandler;
const errors_1 = require("../common/errors");
/**
 * What Fastify could not route. A known path with another method: OPTIONS lists the methods, anything
 * else is a 405 with Allow — after authentication on a protected path, as DRF authenticates before it
 * dispatches on the method. An unknown path: 404 `{"detail": "Not found."}`.
 */
function notFoundHandler(routes, authenticator) {
    return async (req, reply) => {
        const route = routes.match(req.url);
        if (!route)
            throw errors_1.Errors.notFound();
        if (req.method === 'OPTIONS') {
            await reply.code(200).header('Allow', route.allow).send({ methods: route.allow.split(', ') });
            return;
        }
        if (!route.isPublic) {
            await authenticator.authenticate({ authorization: req.headers.authorization, rawHeaders: req.raw.rawHeaders });
        }
        throw errors_1.Errors.methodNotAllowed(req.method, route.allow);
    };
}
//# sourceMappingURL=not-found.handler.js.map