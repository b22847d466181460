import { load } from 'js-yaml';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from './utils/create-test-app';
import { createUser, obtainPair } from './utils/factories';
import { declaredNames } from './utils/metrics-helpers';

/**
 * deploy/grafana/bastion.json and deploy/prometheus/alerts.yml parse, and every metric they query is one
 * a live /metrics declares; the compose file mounts them into Prometheus and Grafana.
 */
const root = join(__dirname, '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string }[];
}
interface RuleFile {
  groups: { name: string; rules: { alert: string; expr: string; labels?: Record<string, string> }[] }[];
}
type ComposeService = { image?: string; volumes?: string[]; networks?: string[]; ports?: string[] };

/** Series Prometheus makes itself (not in /metrics). */
const SYNTHETIC = new Set(['up']);
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
]);

/** The metric names of a PromQL expression: identifiers left once strings, label sets, ranges, grouping clauses, functions, keywords and numbers are gone. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\w+/g, ' ')
    .replace(/(?<![\w:])\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi, ' ');
  const names = new Set<string>();
  for (const m of bare.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?/g)) {
    if (m[2] || KEYWORDS.has(m[1])) continue;
    names.add(m[1]);
  }
  return [...names];
}

const dashboard = JSON.parse(read('deploy/grafana/bastion.json')) as { uid: string; panels: Panel[] };
const alerts = load(read('deploy/prometheus/alerts.yml')) as RuleFile;
const dashboardExprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
const alertExprs = alerts.groups.flatMap((g) => g.rules.map((r) => r.expr));

describe('dashboard and alert rules against a live /metrics', () => {
  let t: TestApp;
  let declared: Set<string>;
  let routes: Set<string>;
  beforeAll(async () => {
    t = await createTestApp();
    await obtainPair(t, await createUser(t));
    await t.http.post('/api/token/sliding/').send({ username: 'nobody', password: 'x' });
    const text = (await t.http.get('/metrics').expect(200)).text;
    declared = declaredNames(text);
    routes = new Set([...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]));
  });
  afterAll(() => t.close());

  it('extracts metric names from PromQL, not functions, labels or keywords', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le, route) (rate(a_bucket{route!~"x|y"}[5m]))) > 0.25 and on(instance) b_total / clamp_min(c, 1e-9)',
      ).sort(),
    ).toEqual(['a_bucket', 'b_total', 'c']);
  });

  it('has dashboard panels that all query metrics /metrics declares, through the provisioned datasource', () => {
    expect(dashboard.uid).toBe('bastion');
    expect(dashboardExprs.length).toBeGreaterThanOrEqual(15);
    for (const expr of dashboardExprs) {
      const names = metricNames(expr);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names)
        expect({ expr, name, declared: declared.has(name) }).toEqual({ expr, name, declared: true });
    }
    const datasources = load(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as {
      datasources: { uid: string; url: string }[];
    };
    const uids = new Set(datasources.datasources.map((d) => d.uid));
    for (const p of dashboard.panels.filter((p) => p.type !== 'row'))
      expect(uids.has(p.datasource!.uid)).toBe(true);
  });

  it('has alert rules that all query metrics /metrics declares (or Prometheus’ own `up`)', () => {
    expect(alertExprs.length).toBeGreaterThanOrEqual(6);
    for (const expr of alertExprs) {
      for (const name of metricNames(expr)) {
        const known = declared.has(name) || SYNTHETIC.has(name);
        expect({ expr, name, known }).toEqual({ expr, name, known: true });
      }
    }
    for (const rule of alerts.groups.flatMap((g) => g.rules))
      expect(rule.labels?.severity).toMatch(/^(warning|critical)$/);
  });

  it('names the login routes in the latency rules as the route label spells them', () => {
    for (const route of ['/api/token', '/api/token/sliding'])
      expect({ route, labelled: routes.has(route) }).toEqual({ route, labelled: true });
  });

  it('covers what the issue asks: p99 by route, logins, refresh reuse, 429s, hash queue, DB/Redis health', () => {
    const all = dashboardExprs.join('\n');
    for (const name of [
      'http_request_duration_seconds_bucket',
      'bastion_logins_total',
      'bastion_token_refresh_total',
      'bastion_throttled_total',
      'bastion_password_hash_queue',
      'bastion_db_pool_connections',
      'bastion_redis_up',
    ]) {
      expect(all).toContain(name);
    }
    const rules = alertExprs.join('\n');
    for (const name of [
      'bastion_logins_total',
      'reuse_detected',
      'bastion_throttle_fallback_active',
      'http_request_duration_seconds_bucket',
    ]) {
      expect(rules).toContain(name);
    }
  });
});

describe('docker-compose.yml runs Prometheus and Grafana, provisioned', () => {
  const compose = load(read('docker-compose.yml')) as { services: Record<string, ComposeService> };
  const prometheusConfig = load(read('deploy/prometheus/prometheus.yml')) as {
    rule_files: string[];
    scrape_configs: { job_name: string; metrics_path: string; static_configs: { targets: string[] }[] }[];
  };

  it('mounts files that exist into both, the UIs on loopback only', () => {
    for (const name of ['prometheus', 'grafana']) {
      const s = compose.services[name];
      expect(s.image).toEqual(expect.any(String));
      for (const v of s.volumes ?? []) {
        const host = v.split(':')[0];
        if (host.startsWith('./'))
          expect({ v, exists: existsSync(join(root, host)) }).toEqual({ v, exists: true });
      }
      for (const p of s.ports ?? []) expect(p).toMatch(/^127\.0\.0\.1:/);
    }
    expect(compose.services.prometheus.networks).toContain('backend');
    const mounted = compose.services.prometheus.volumes!.map((v) => v.split(':')[1]);
    for (const file of prometheusConfig.rule_files) expect(mounted).toContain(file);
  });

  it('scrapes both API replicas on /metrics', () => {
    const job = prometheusConfig.scrape_configs.find((j) => j.job_name === 'bastion')!;
    expect(job.metrics_path).toBe('/metrics');
    expect(job.static_configs.flatMap((c) => c.targets).sort()).toEqual(['app2:3000', 'app:3000']);
    expect(alertExprs.some((e) => e.includes('job="bastion"'))).toBe(true);
  });
});
