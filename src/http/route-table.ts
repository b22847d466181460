import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY } from '../common/public.decorator';

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

/**
 * The application's real route table, read from the controllers' metadata: what answers 405 with
 * Allow instead of 404, and what the Kong configuration is checked against.
 */
@Injectable()
export class RouteTable {
  private entries: { entry: RouteEntry; pattern: RegExp }[] | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  all(): RouteEntry[] {
    return this.build().map((e) => e.entry);
  }

  /** The route serving `path` (query string and trailing slash ignored), if any. */
  match(url: string): RouteEntry | undefined {
    const path = normalise(url.split('?', 1)[0]);
    return this.build().find((e) => e.pattern.test(path))?.entry;
  }

  private build(): { entry: RouteEntry; pattern: RegExp }[] {
    if (this.entries) return this.entries;
    const byPath = new Map<string, { methods: Set<string>; isPublic: boolean }>();
    for (const wrapper of this.discovery.getControllers()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
      if (!type || !wrapper.instance) continue;
      const base = this.reflector.get<string>(PATH_METADATA, type) ?? '';
      const proto = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const handler = proto[name] as () => unknown;
        const method = this.reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler);
        const sub = this.reflector.get<string | undefined>(PATH_METADATA, handler);
        if (method === undefined || sub === undefined) continue;
        const path = normalise(`/${base}/${sub}`);
        const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [handler, type]) ?? false;
        const slot = byPath.get(path) ?? { methods: new Set<string>(), isPublic: true };
        slot.methods.add(RequestMethod[method]);
        slot.isPublic &&= isPublic;
        byPath.set(path, slot);
      }
    }
    this.entries = [...byPath].map(([path, { methods, isPublic }]) => ({
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
