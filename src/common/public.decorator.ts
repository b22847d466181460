import { SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';

export const IS_PUBLIC_KEY = 'bastion:isPublic';
/** Fastify route config of a public handler, so the route table (built from Fastify's routes) knows it too. */
export const PUBLIC_ROUTE_CONFIG = { bastionPublic: true } as const;

const markRoute = RouteConfig(PUBLIC_ROUTE_CONFIG);

/**
 * Opts a controller or route out of the global JWT guard. Everything else needs a valid access token.
 * Besides the guard's metadata it sets Fastify route config on each handler (on a class: on every method),
 * through the public RouteConfig decorator, which Nest applies per handler.
 */
export const Public =
  (): MethodDecorator & ClassDecorator =>
  (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    if (descriptor !== undefined && key !== undefined) {
      SetMetadata(IS_PUBLIC_KEY, true)(target, key, descriptor);
      markRoute(target, key, descriptor);
      return;
    }
    SetMetadata(IS_PUBLIC_KEY, true)(target as () => unknown);
    const proto = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = Object.getOwnPropertyDescriptor(proto, name);
      if (name !== 'constructor' && typeof method?.value === 'function') markRoute(proto, name, method);
    }
  };
