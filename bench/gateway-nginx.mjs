import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureBuilt, Instance } from './lib/instance.mjs';
import { median } from './lib/load.mjs';
import { PASSWORD, ROOT, settings } from './lib/settings.mjs';

/**
 * `node bench/gateway-nginx.mjs`: the shipped nginx config (deploy/nginx/) in front of the sample
 * upstream, two ways in the same interleaved rounds: nginx -> Bastion's check -> upstream (the
 * auth_request path, with its half-second cache, which a single-token load hits almost always, and
 * with the cache off) against nginx -> upstream alone. One Bastion on an embedded database. The
 * per-address limit is left out (the load comes from one address). BENCH_ROUNDS, BENCH_ROUND_SECONDS,
 * BENCH_CONNECTIONS as for the main bench. Needs nginx and openssl.
 */
const log = (line) => process.stdout.write(`${line}\n`);
const port = (n) => settings.portBase + 40 + n;
const [BASTION, UPSTREAM, CHECKED, UNCACHED, PLAIN] = [0, 1, 2, 3, 4].map(port);

ensureBuilt();
const dir = mkdtempSync(join(tmpdir(), 'bastion-bench-nginx-'));
chmodSync(dir, 0o711);
const children = [];
const bastion = new Instance('gateway-bastion', BASTION, {
  DATA_DIR: join(dir, 'data'),
  THROTTLE_ENABLED: 'false',
});
try {
  await bastion.start();
  // The embedded database is the server's alone (no CLI beside it): register through the API.
  const registered = await fetch(`${bastion.url}/api/users/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'gwbench', password: PASSWORD }),
  });
  if (registered.status !== 201)
    throw new Error(`registration: ${registered.status} ${await registered.text()}`);
  const login = await fetch(`${bastion.url}/api/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'gwbench', password: PASSWORD }),
  });
  const { access } = await login.json();

  children.push(
    spawn(process.execPath, [join(ROOT, 'deploy/upstream/echo.mjs')], {
      env: { ...process.env, PORT: String(UPSTREAM) },
      stdio: 'ignore',
    }),
  );
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-keyout',
      join(dir, 'tls.key'),
      '-out',
      join(dir, 'tls.crt'),
    ],
    { stdio: 'ignore' },
  );
  chmodSync(join(dir, 'tls.key'), 0o644);
  writeFileSync(join(dir, 'ip-rules.conf'), 'allow all;\n');
  for (const sub of ['cache', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(dir, sub));
    chmodSync(join(dir, sub), 0o777);
  }
  const values = {
    HTTP_PORT: String(port(5)),
    HTTPS_PORT: String(CHECKED),
    TLS_CERT: join(dir, 'tls.crt'),
    TLS_KEY: join(dir, 'tls.key'),
    BASTION_1: `127.0.0.1:${BASTION}`,
    BASTION_2: `127.0.0.1:${BASTION}`,
    UPSTREAM: `127.0.0.1:${UPSTREAM}`,
    IP_RULES: join(dir, 'ip-rules.conf'),
    PROXY_HEADERS: join(ROOT, 'deploy/nginx/proxy-headers.conf'),
    CACHE_DIR: join(dir, 'cache'),
  };
  const template = readFileSync(join(ROOT, 'deploy/nginx/templates/bastion.conf.template'), 'utf8').replace(
    /^\s*limit_req zone=.*$/m,
    '',
  );
  const render = (v) => template.replace(/\$\{([A-Z0-9_]+)\}/g, (_, k) => v[k]);
  const checked = render(values);
  // The same server without the cache, and the same TLS server straight to the upstream.
  const httpsServer = checked.slice(checked.lastIndexOf('\nserver {'));
  const uncached = httpsServer
    .replace(`listen ${CHECKED} ssl`, `listen ${UNCACHED} ssl`)
    .replace(/^\s*proxy_cache(_key|_valid)? .*$/gm, '');
  const plain = [
    `server { listen ${PLAIN} ssl http2; ssl_certificate ${values.TLS_CERT}; ssl_certificate_key ${values.TLS_KEY};`,
    `  ssl_protocols TLSv1.2 TLSv1.3; location / { include ${values.PROXY_HEADERS}; proxy_pass http://api; } }`,
  ].join('\n');
  writeFileSync(join(dir, 'bastion.conf'), `${checked}\n${uncached}\n${plain}\n`);
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (t) => `  ${t}_temp_path ${dir}/${t.replace('client_', '')};`,
      ),
      `  include ${dir}/bastion.conf;`,
      '}',
    ].join('\n'),
  );
  const nginx = spawn('nginx', ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], {
    stdio: 'inherit',
  });
  children.push(nginx);
  await sleep(1000);

  const targets = {
    'nginx -> check (cached) -> upstream': CHECKED,
    'nginx -> check (no cache) -> upstream': UNCACHED,
    'nginx -> upstream': PLAIN,
  };
  const rps = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
  for (let round = 0; round < settings.rounds; round += 1) {
    for (const [label, p] of Object.entries(targets)) {
      const r = await autocannon({
        url: `https://127.0.0.1:${p}/orders/42`,
        headers: { authorization: `Bearer ${access}`, host: 'localhost' },
        connections: settings.connections,
        duration: settings.roundSeconds,
      });
      if (r.non2xx > 0 || r.errors > 0) log(`  ${label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      rps[label].push(r['2xx'] / (r.duration || settings.roundSeconds));
      await sleep(settings.pauseMs);
    }
  }
  const base = median(rps['nginx -> upstream']);
  for (const [label, xs] of Object.entries(rps)) {
    const m = median(xs);
    log(`${label}: ${m.toFixed(0)} req/s (${(m / base).toFixed(2)}x nginx -> upstream)`);
  }
} finally {
  for (const c of children) c.kill('SIGTERM');
  await bastion.stop();
  rmSync(dir, { recursive: true, force: true });
}
