import { FastifyReply, FastifyRequest } from 'fastify';
import { AccessAuthenticator } from '../auth/access-authenticator';
import { Errors } from '../common/errors';
import { RouteTable } from './route-table';

/**
 * What Fastify could not route. A known path with another method: OPTIONS lists the methods, anything
 * else is a 405 with Allow — after authentication on a protected path, as DRF authenticates before it
 * dispatches on the method. An unknown path: 404 `{"detail": "Not found."}`.
 */
export function notFoundHandler(routes: RouteTable, authenticator: AccessAuthenticator) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const route = routes.match(req.url);
    if (!route) throw Errors.notFound();
    if (req.method === 'OPTIONS') {
      await reply
        .code(200)
        .header('Allow', route.allow)
        .send({ methods: route.allow.split(', ') });
      return;
    }
    if (!route.isPublic) {
      await authenticator.authenticate({
        authorization: req.headers.authorization,
        rawHeaders: req.raw.rawHeaders,
      });
    }
    throw Errors.methodNotAllowed(req.method, route.allow);
  };
}
