import { Histogram, Registry } from 'prom-client';

/** What a request without a matched route (404, refused before routing) is labelled: never the raw URL. */
export const UNMATCHED_ROUTE = 'unmatched';

type Child = Histogram.Internal<string>;

/**
 * `http_request_duration_seconds{method, route, status_code}`. The label children are cached in nested
 * maps (method -> route template -> status), so a request costs three map lookups and prom-client's
 * observe; the label sets are bounded (route templates, not URLs; Node accepts only known methods).
 */
export class RouteDurations {
  private readonly histogram: Histogram<'method' | 'route' | 'status_code'>;
  private readonly cache = new Map<string, Map<string, Map<number, Child>>>();

  constructor(registry: Registry, buckets: number[]) {
    this.histogram = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets,
      registers: [registry],
    });
  }

  observe(method: string, route: string | undefined, status: number, seconds: number): void {
    const template = route ?? UNMATCHED_ROUTE;
    let byRoute = this.cache.get(method);
    if (!byRoute) this.cache.set(method, (byRoute = new Map<string, Map<number, Child>>()));
    let byStatus = byRoute.get(template);
    if (!byStatus) byRoute.set(template, (byStatus = new Map<number, Child>()));
    let child = byStatus.get(status);
    if (!child) byStatus.set(status, (child = this.histogram.labels(method, template, String(status))));
    child.observe(seconds);
  }
}
