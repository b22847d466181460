import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** The path of a program on PATH (or in the sbin directories), or undefined. */
export function which(program: string): string | undefined {
  const found = spawnSync('sh', ['-c', `PATH="$PATH:/usr/sbin:/sbin" command -v ${program}`], {
    encoding: 'utf8',
  });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : undefined;
}

/** `${NAME}` placeholders filled from `values`; a placeholder without a value fails the test. */
export function renderTemplate(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for \${${name}}`);
    return values[name];
  });
}

/** A private temporary directory (removed by `remove`). */
export function privateDir(label: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `bastion-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A self-signed certificate for localhost and 127.0.0.1 (openssl), as PEM files in `dir`. */
export function selfSignedCert(dir: string): { cert: string; key: string; pem: string } {
  const cert = join(dir, 'tls.crt');
  const key = join(dir, 'tls.key');
  const made = spawnSync(
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
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  chmodSync(key, 0o644); // nginx's workers run as nobody when the test runs as root
  return { cert, key, pem: readFileSync(cert, 'utf8') };
}

/** A child process the test started (never a daemon), with its output so far. */
export interface Child {
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export function startChild(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    process: child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resolves once `port` on 127.0.0.1 accepts connections; throws (with the child's output) after `ms`. */
export async function waitForPort(port: number, child: Child, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`exited early:\n${child.output()}`);
    const open = await new Promise<boolean>((r) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        r(true);
      });
      s.once('error', () => r(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`port ${port} not open after ${ms} ms:\n${child.output()}`);
}

/** The sample upstream (deploy/upstream/echo.mjs) on a free port, and the requests it has seen. */
export async function startEcho(port: number): Promise<Child & { seen(): EchoLine[] }> {
  const child = startChild(process.execPath, [join(ROOT, 'deploy/upstream/echo.mjs')], {
    PORT: String(port),
  });
  await waitForPort(port, child);
  const seen = (): EchoLine[] =>
    child
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as EchoLine);
  return { ...child, seen };
}

export interface EchoLine {
  method: string;
  url: string;
  identity: Record<string, string>;
  forwardedFor: string | null;
}

export interface GatewayResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): unknown;
  /** The negotiated TLS version (HTTPS only). */
  protocol?: string | null;
}

/** One request to the gateway from `localAddress` (127.0.0.x), over HTTPS trusting `ca`, or plain HTTP. */
export function call(opts: {
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  localAddress?: string;
  ca?: string;
}): Promise<GatewayResponse> {
  const send = opts.ca ? httpsRequest : httpRequest;
  return new Promise((resolvePromise, reject) => {
    const req = send(
      {
        host: '127.0.0.1',
        port: opts.port,
        path: opts.path,
        method: opts.method ?? 'GET',
        headers: { Host: 'localhost', ...opts.headers },
        localAddress: opts.localAddress,
        agent: false,
        ...(opts.ca ? { ca: opts.ca, servername: 'localhost' } : {}),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          const socket = res.socket as { getProtocol?: () => string | null };
          resolvePromise({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: () => JSON.parse(body) as unknown,
            protocol: socket.getProtocol?.(),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/**
 * A client of a gateway's HTTPS port (`target`, read at each call: the port is taken in beforeAll), each
 * request from the next address of `from` unless one is given.
 */
export function gatewayClient(target: () => { port: number; ca: string }, from: () => string) {
  const get = (path: string, headers: Record<string, string> = {}, localAddress = from()) =>
    call({ ...target(), path, headers, localAddress });
  const post = (path: string, body: object, headers: Record<string, string> = {}) =>
    call({
      ...target(),
      path,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
      localAddress: from(),
    });
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** Logs the user in through the gateway (200 expected). */
  async function login(u: {
    username: string;
    password: string;
  }): Promise<{ access: string; refresh: string }> {
    const res = await post('/api/token/', { username: u.username, password: u.password });
    if (res.status !== 200) throw new Error(`login through the gateway: ${res.status} ${res.body}`);
    return res.json() as { access: string; refresh: string };
  }
  return { get, post, auth, login };
}

/** Addresses 127.0.x.y handed out once each, so the per-address limit of one test never meets another's. */
export function addressPool(third: number): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `127.0.${third + Math.floor(n / 250)}.${(n % 250) + 2}`;
  };
}

/** Writes the nginx main configuration around the rendered server blocks, with every path in `dir`. */
export function nginxMainConfig(dir: string, serverBlocks: string): string {
  chmodSync(dir, 0o711); // nginx's workers (nobody, when the test runs as root) pass through it
  for (const sub of ['cache', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(dir, sub), { recursive: true });
    chmodSync(join(dir, sub), 0o777); // nginx's workers run as nobody when the test runs as root
  }
  writeFileSync(join(dir, 'bastion.conf'), serverBlocks);
  const main = join(dir, 'nginx.conf');
  writeFileSync(
    main,
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 512; }',
      'http {',
      '  access_log off;',
      `  client_body_temp_path ${dir}/body;`,
      `  proxy_temp_path ${dir}/proxy;`,
      `  fastcgi_temp_path ${dir}/fastcgi;`,
      `  uwsgi_temp_path ${dir}/uwsgi;`,
      `  scgi_temp_path ${dir}/scgi;`,
      `  include ${dir}/bastion.conf;`,
      '}',
    ].join('\n'),
  );
  return main;
}
