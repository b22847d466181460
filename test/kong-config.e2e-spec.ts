import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RouteTable, RouteEntry } from '../src/http/route-table';
import { createTestApp } from './utils/create-test-app';

/** kong/kong.yml and docker-compose.yml checked against the app's real route table, so they cannot drift apart. */
interface KongPlugin {
  name: string;
  config: Record<string, unknown>;
}
interface KongRoute {
  name: string;
  paths: string[];
  strip_path?: boolean;
  protocols?: string[];
  methods?: string[];
  plugins?: KongPlugin[];
}
interface KongConfig {
  _format_version: string;
  upstreams: { name: string; targets: { target: string }[] }[];
  services: { name: string; host: string; plugins?: KongPlugin[]; routes: KongRoute[] }[];
  plugins?: KongPlugin[];
}
type Service = {
  ports?: string[];
  environment?: Record<string, string>;
  networks?: string[];
  image?: string;
};

const root = join(__dirname, '..');
const kong = load(readFileSync(join(root, 'kong/kong.yml'), 'utf8')) as KongConfig;
const compose = load(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
  networks: Record<string, { ipam?: { config: { subnet: string }[] }; internal?: boolean }>;
};
const routes = kong.services.flatMap((s) => s.routes);
/** Kong matches `paths` as prefixes. */
const kongRouteFor = (path: string): KongRoute | undefined =>
  routes.find((r) => r.paths.some((p) => path === p.replace(/\/$/, '') || path.startsWith(p)));
/** The plain Fastify routes Swagger serves beside the Nest controllers. */
const SWAGGER_PATHS = ['/docs', '/docs-json'];

describe('Kong configuration (kong/kong.yml) against the route table', () => {
  let table: RouteEntry[];
  beforeAll(async () => {
    const t = await createTestApp();
    table = t.app.get(RouteTable).all();
    await t.close();
  });

  it('is DB-less declarative config 3.0 pointing at both API replicas', () => {
    expect(kong._format_version).toBe('3.0');
    expect(kong.services).toHaveLength(1);
    const upstream = kong.upstreams.find((u) => u.name === kong.services[0].host);
    expect(upstream?.targets.map((t) => t.target).sort()).toEqual(['app2:3000', 'app:3000']);
  });

  it('routes every path the app serves, unchanged (no strip_path) and for every method', () => {
    expect(table.length).toBeGreaterThan(5);
    for (const entry of [...table.map((e) => e.path), ...SWAGGER_PATHS]) {
      const route = kongRouteFor(entry);
      expect({ path: entry, routed: route !== undefined }).toEqual({ path: entry, routed: true });
      expect(route!.strip_path).toBe(false);
      expect(route!.methods).toBeUndefined();
    }
  });

  it('has no route the app does not serve', () => {
    const served = [...table.map((e) => e.path), ...SWAGGER_PATHS];
    for (const route of routes) {
      for (const p of route.paths) {
        expect({
          kongPath: p,
          served: served.some((s) => s === p.replace(/\/$/, '') || s.startsWith(p)),
        }).toEqual({
          kongPath: p,
          served: true,
        });
      }
    }
  });

  it('does not expose /metrics (a plain route outside the route table, scraped inside the network)', () => {
    expect(table.map((e) => e.path)).not.toContain('/metrics');
    for (const path of ['/metrics', '/metrics/']) expect(kongRouteFor(path)).toBeUndefined();
  });

  it('rate-limits like the seed (5 a second, counted in Redis) and IP-restricts /docs', () => {
    const limit = kong.services[0].plugins?.find((p) => p.name === 'rate-limiting');
    expect(limit?.config).toMatchObject({ second: 5, policy: 'redis', redis: { host: 'redis' } });
    const docs = kongRouteFor('/docs')!;
    expect(docs.plugins?.find((p) => p.name === 'ip-restriction')?.config.allow).toEqual(expect.any(Array));
    for (const path of table.map((e) => e.path)) {
      expect(kongRouteFor(path)!.plugins?.some((p) => p.name === 'ip-restriction') ?? false).toBe(false);
    }
    expect(routes.every((r) => (r.protocols ?? []).join() === 'https')).toBe(true);
  });
});

describe('docker-compose.yml production profile', () => {
  const apps = Object.entries(compose.services).filter(([, s]) => s.environment?.NODE_ENV !== undefined);

  it('runs two API replicas reachable only through Kong, trusting only Kong’s network', () => {
    expect(apps.map(([name]) => name).sort()).toEqual(['app', 'app2']);
    const edge = compose.networks.edge.ipam!.config[0].subnet;
    for (const [, s] of apps) {
      expect(s.ports).toBeUndefined();
      expect(s.environment).toMatchObject({
        NODE_ENV: 'production',
        TRUSTED_PROXIES: edge,
        REDIS_URL: expect.stringMatching(/^redis:\/\/redis:6379/) as string,
        JWT_ROTATE_REFRESH_TOKENS: 'true',
        JWT_BLACKLIST_AFTER_ROTATION: 'true',
      });
      expect(s.environment!.THROTTLE_ENABLED ?? 'true').toBe('true');
      expect(s.environment!.BRUTE_FORCE_ENABLED ?? 'true').toBe('true');
    }
    expect(compose.networks.backend.internal).toBe(true);
  });

  it('publishes Kong’s proxy (8000, TLS on 8443) but not its admin API', () => {
    const k = compose.services.kong;
    expect(k.image).toMatch(/^kong:3\./);
    const published = (k.ports ?? []).map((p) => p.split(':').pop());
    expect(published.sort()).toEqual(['8000', '8443']);
    expect(k.environment!.KONG_ADMIN_LISTEN).toMatch(/^127\.0\.0\.1:/);
    expect(k.environment!.KONG_PROXY_LISTEN).toContain('8443 ssl');
    expect(k.networks).toContain('edge');
    expect(compose.services.postgres.ports).toBeUndefined();
    expect(compose.services.redis.ports).toBeUndefined();
  });
});
