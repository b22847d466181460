import { FastifyReply, FastifyRequest } from 'fastify';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { Errors } from '../common/errors';
import { RouteTable } from './route-table';

/**
 * What Fastify could not route. A known path with another method: OPTIONS lists the methods, anything
 * else is a 405 with Allow — after authentication on a protected path (the global guard's own code), as DRF authenticates before it
 * dispatches on the method. An unknown path: 404 `{"detail": "Not found."}`.
 */
export function notFoundHandler(routes: RouteTable, guard: JwtAuthGuard) {
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
    if (!route.isPublic) await guard.authenticate(req, reply);
    throw Errors.methodNotAllowed(req.method, route.allow);
  };
}
