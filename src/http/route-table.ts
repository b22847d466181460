import { Injectable } from '@nestjs/common';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { PUBLIC_ROUTE_CONFIG } from '../common/public.decorator';

/** One path of the API and what it serves. */
export interface RouteEntry {
  /** `/api/token/refresh`, `/api/sessions/:id` (no trailing slash). */
  path: string;
  methods: string[];
  /** True when every method of the path is @Public(); a protected path authenticates before a 405. */
  isPublic: boolean;
  /** The Allow header: the methods, HEAD beside GET, and OPTIONS. */
  allow: string;
}

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const PUBLIC_KEY = Object.keys(PUBLIC_ROUTE_CONFIG)[0];

/**
 * The application's real route table, recorded from Fastify's own `onRoute` hook as Nest registers the
 * controllers' routes: what answers 405 with Allow instead of 404, and what the Kong configuration is
 * checked against. Public paths are known from the route config @Public() sets.
 */
@Injectable()
export class RouteTable {
  private readonly byPath = new Map<string, { methods: Set<string>; isPublic: boolean }>();
  private entries: { entry: RouteEntry; pattern: RegExp }[] | undefined;
  private recording = false;

  /**
   * Records the routes registered on `fastify` while `registerControllers` runs (Nest's app.init(), which
   * registers every controller route at once); plain Fastify routes outside the API (Swagger UI, whose
   * static files a plugin adds later) are not recorded.
   */
  async recordRoutesOf(fastify: FastifyInstance, registerControllers: () => Promise<unknown>): Promise<void> {
    fastify.addHook('onRoute', (route: RouteOptions) => {
      if (this.recording) this.record(route);
    });
    this.recording = true;
    try {
      await registerControllers();
    } finally {
      this.recording = false;
    }
  }

  all(): RouteEntry[] {
    return this.build().map((e) => e.entry);
  }

  /** The route serving `path` (query string and trailing slash ignored), if any. */
  match(url: string): RouteEntry | undefined {
    const path = normalise(url.split('?', 1)[0]);
    return this.build().find((e) => e.pattern.test(path))?.entry;
  }

  private record(route: RouteOptions): void {
    const path = normalise(route.url);
    const config = route.config as Record<string, unknown> | undefined;
    const isPublic = config?.[PUBLIC_KEY] === true;
    const slot = this.byPath.get(path) ?? { methods: new Set<string>(), isPublic: true };
    for (const method of [route.method].flat()) {
      // Fastify adds a HEAD route beside every GET by itself; Allow lists HEAD beside GET anyway.
      if (method !== 'HEAD') slot.methods.add(method);
    }
    slot.isPublic &&= isPublic;
    this.byPath.set(path, slot);
    this.entries = undefined;
  }

  private build(): { entry: RouteEntry; pattern: RegExp }[] {
    this.entries ??= [...this.byPath].map(([path, { methods, isPublic }]) => ({
      entry: { path, methods: [...methods], isPublic, allow: allowHeader(methods) },
      pattern: new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]\w*/g, '[^/]+')}$`,
      ),
    }));
    return this.entries;
  }
}

function normalise(path: string): string {
  const p = path.replace(/\/+/g, '/').replace(/\/$/, '');
  return p === '' ? '/' : p;
}

function allowHeader(methods: Set<string>): string {
  const all = new Set([...methods, 'OPTIONS']);
  if (all.has('GET')) all.add('HEAD');
  return METHOD_ORDER.filter((m) => all.has(m)).join(', ');
}
