import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { ConfigError, loadConfiguration } from '../src/config/configuration';
import { createTestApp, TEST_SIGNING_KEY, TestApp } from './utils/create-test-app';
import { freePort } from './utils/free-port';
import { sleep } from './utils/traffic-helpers';

interface Answer {
  status: number;
  body: unknown;
}

/**
 * GET `url` from another process, synchronously: this process's event loop (the app's main loop: it runs
 * in-process) stays blocked while the child asks, so only HEALTH_PORT's worker thread can answer.
 */
function probeFromChild(url: string, method = 'GET'): Answer {
  const script = `fetch(${JSON.stringify(url)}, { method: ${JSON.stringify(method)} }).then(async (r) =>
    process.stdout.write(JSON.stringify({ status: r.status, text: await r.text() })))`;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as {
    status: number;
    text: string;
  };
  return { status: out.status, body: out.text === '' ? '' : (JSON.parse(out.text) as unknown) };
}

/** Blocks this thread (and so the app's main event loop) for `ms`. */
function blockFor(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    /* busy: no timer, no I/O, no heartbeat */
  }
}

describe('HEALTH_PORT: liveness from a worker thread', () => {
  let t: TestApp;
  let own: string;
  beforeAll(async () => {
    const port = await freePort();
    own = `http://127.0.0.1:${port}`;
    t = await createTestApp({ HEALTH_PORT: String(port), HEALTH_LIVE_MAX_STALL: '2s' }, { listen: true });
  });
  afterAll(() => t?.close());

  it('answers 200 with the same body as /health/live on the API port', async () => {
    const api = await t.http.get('/health/live');
    const res = await fetch(`${own}/health/live`);
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: api.status,
      body: api.body,
    });
    expect(api.body).toEqual({ status: 'ok' });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${own}/health/live/?probe=1`)).status).toBe(200);
    expect((await fetch(`${own}/health/live`, { method: 'HEAD' })).status).toBe(200);
  });

  it('serves nothing else', async () => {
    for (const path of ['/health/ready', '/api/secure/', '/metrics', '/']) {
      const res = await fetch(`${own}${path}`);
      expect({ path, status: res.status, body: await res.json() }).toEqual({
        path,
        status: 404,
        body: { detail: 'Not found.' },
      });
    }
    expect((await fetch(`${own}/health/live`, { method: 'POST' })).status).toBe(404);
  });

  it('answers while the main event loop is blocked, and 503 once it has been blocked past HEALTH_LIVE_MAX_STALL', async () => {
    await sleep(300); // a fresh heartbeat
    const started = Date.now();
    const busy = probeFromChild(`${own}/health/live`); // the main loop is blocked from here on
    blockFor(Math.max(0, 2600 - (Date.now() - started)));
    const stalled = probeFromChild(`${own}/health/live`);
    const head = probeFromChild(`${own}/health/live`, 'HEAD');
    // blocked all along: the API port could not have answered a single request
    expect(busy).toEqual({ status: 200, body: { status: 'ok' } });
    expect(stalled).toEqual({
      status: 503,
      body: {
        detail: 'Service temporarily unavailable',
        code: 'service_unavailable',
        event_loop_stalled_ms: expect.any(Number) as number,
      },
    });
    expect((stalled.body as { event_loop_stalled_ms: number }).event_loop_stalled_ms).toBeGreaterThan(2000);
    expect(head).toEqual({ status: 503, body: '' });
    await sleep(400); // the loop runs again: the next heartbeat makes it live
    const res = await fetch(`${own}/health/live`);
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
  });

  it('closes with the app', async () => {
    const port = await freePort();
    const app = await createTestApp({ HEALTH_PORT: String(port) });
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    await app.close();
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  });
});

describe('the Docker image probes HEALTH_PORT', () => {
  const root = join(__dirname, '..');
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  /** The HEALTHCHECK's `node -e` script, run as Docker runs it (exit 0: healthy); never blocks this loop. */
  const healthcheck = (env: Record<string, string>): Promise<number | null> => {
    const cmd = /HEALTHCHECK[^\n]*\\\n\s*CMD (\[.*\])/.exec(dockerfile);
    const [node, flag, script] = JSON.parse(cmd![1]) as string[];
    expect([node, flag]).toEqual(['node', '-e']);
    const child = spawn(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, ...env } });
    return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  };

  it('sets HEALTH_PORT in the image and in Compose, and its HEALTHCHECK asks the worker there', async () => {
    expect(dockerfile).toMatch(/^\s+HEALTH_PORT=3002 \\$/m);
    const compose = load(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { environment?: Record<string, string> }>;
    };
    for (const name of ['app', 'app2']) expect(compose.services[name].environment?.HEALTH_PORT).toBe('3002');
    const port = await freePort();
    const t = await createTestApp({ HEALTH_PORT: String(port) }, { listen: true });
    try {
      const apiPort = new URL(t.url).port;
      expect(await healthcheck({ HEALTH_PORT: String(port), PORT: '1' })).toBe(0);
      expect(await healthcheck({ HEALTH_PORT: '', PORT: apiPort })).toBe(0); // emptied: on PORT
    } finally {
      await t.close();
    }
    expect(await healthcheck({ HEALTH_PORT: String(port) })).toBe(1); // nothing listening: unhealthy
  });
});

describe('HEALTH_PORT settings', () => {
  function problems(env: Record<string, string>): string[] {
    try {
      loadConfiguration({ JWT_SIGNING_KEY: TEST_SIGNING_KEY, PORT: '3000', ...env });
    } catch (e) {
      if (e instanceof ConfigError) return e.problems;
      throw e;
    }
    return [];
  }

  it.each([
    ['not a number', { HEALTH_PORT: 'eighty' }, /^HEALTH_PORT: expected an integer from 1 to 65535/],
    ['out of range', { HEALTH_PORT: '70000' }, /^HEALTH_PORT: expected an integer/],
    ['the API port', { HEALTH_PORT: '3000' }, /^HEALTH_PORT: must differ from PORT$/],
    [
      'the metrics port',
      { HEALTH_PORT: '9100', METRICS_PORT: '9100' },
      /^HEALTH_PORT: must differ from METRICS_PORT$/,
    ],
    [
      'a stall bound that is no duration',
      { HEALTH_LIVE_MAX_STALL: 'soon' },
      /^HEALTH_LIVE_MAX_STALL: expected a duration/,
    ],
  ])('stops the start on %s, naming the variable', (_, env, message) => {
    expect(problems(env)).toEqual([expect.stringMatching(message)]);
  });

  it('stops the start when HEALTH_PORT is taken, naming it', async () => {
    const taken = createServer();
    const port = await new Promise<number>((resolve) =>
      taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)),
    );
    try {
      await expect(createTestApp({ HEALTH_PORT: String(port) })).rejects.toThrow(
        new RegExp(`^HEALTH_PORT ${port}: EADDRINUSE`),
      );
    } finally {
      taken.close();
    }
  });
});
