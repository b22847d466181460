import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PASSWORD, ROOT, settings } from './settings.mjs';

const LOGS = join(settings.results, 'tmp', 'logs');
/** Servers and CLI calls run here, not in the project root, so a developer's .env cannot leak into them. */
const WORK_DIR = join(settings.results, 'tmp', 'cwd');
const HS256_KEY = 'bench-hs256-signing-key-of-at-least-32-bytes';

/** Builds the app once when the compiled output is missing. */
export function ensureBuilt() {
  if (existsSync(join(settings.dist, 'src', 'main.js'))) return;
  process.stdout.write('bench: dist/ missing, running `npx nest build`\n');
  execFileSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** Environment shared by every app instance and CLI call: quiet logs, long-lived access tokens, a fixed key. */
export function baseEnv(extra = {}) {
  const env = { ...process.env };
  for (const k of Object.keys(env))
    if (/^(JWT_|THROTTLE_|BRUTE_FORCE_|REDIS_|DATABASE_URL|DATA_DIR|DB_)/.test(k)) delete env[k];
  return {
    ...env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    LOG_LEVEL: settings.logLevel,
    SWAGGER_ENABLED: 'false',
    JWT_SIGNING_KEY: HS256_KEY,
    JWT_ACCESS_TOKEN_LIFETIME: '2h',
    ...extra,
  };
}

/** `node dist/src/cli/main.js createuser NAME --password-stdin` against the instance's database. */
export function createUser(env, username, password = PASSWORD, dist = settings.dist) {
  mkdirSync(WORK_DIR, { recursive: true });
  const out = execFileSync(
    process.execPath,
    [join(dist, 'src', 'cli', 'main.js'), 'createuser', username, '--password-stdin'],
    {
      input: password,
      cwd: WORK_DIR,
      env: baseEnv(env),
      encoding: 'utf8',
    },
  );
  const id = /\(id (\d+)\)/.exec(out);
  if (!id) throw new Error(`createuser said: ${out}`);
  return Number(id[1]);
}

/** `node dist/src/cli/main.js grant NAME PERM` against the instance's database. */
export function grantPermission(env, username, permission, dist = settings.dist) {
  execFileSync(process.execPath, [join(dist, 'src', 'cli', 'main.js'), 'grant', username, permission], {
    cwd: WORK_DIR,
    env: baseEnv(env),
    encoding: 'utf8',
  });
}

/** Resident memory of a process from /proc (kB → MB); `VmHWM` is the kernel's own peak. */
export function memoryMb(pid, field = 'VmRSS') {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The flags `npm start` gives node (package.json's start script: V8's heap settings, see bench/README.md "Memory"),
 * so every Node server of the bench and the soak runs as in production (the Dockerfile's CMD has the same).
 */
export const NODE_FLAGS = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  .scripts.start.split(/\s+/)
  .filter((arg) => arg.startsWith('--'));

/** One server child process: an app instance (node dist/src/main.js) or the node:http ceiling. */
export class Instance {
  constructor(name, port, env, script = join(settings.dist, 'src', 'main.js')) {
    Object.assign(this, { name, port, env, script, url: `http://127.0.0.1:${port}` });
    /** Set by the harness: run on settings.serverCpus (taskset), away from the load generator. */
    this.pinned = false;
  }

  /** The server's command line. */
  argv() {
    return [process.execPath, ...NODE_FLAGS, this.script];
  }

  async start(readyPath = '/health/ready') {
    mkdirSync(LOGS, { recursive: true });
    mkdirSync(WORK_DIR, { recursive: true });
    const log = openSync(join(LOGS, `${this.name}.log`), 'a');
    const argv = this.pinned ? ['taskset', '-c', settings.serverCpus, ...this.argv()] : this.argv();
    this.child = spawn(argv[0], argv.slice(1), {
      cwd: WORK_DIR,
      env: baseEnv({ ...this.env, PORT: String(this.port) }),
      stdio: ['ignore', log, log],
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve(code ?? signal)),
    );
    try {
      await this.waitReady(readyPath, 60_000);
    } catch (e) {
      await this.stop('SIGKILL');
      throw e;
    }
    return this;
  }

  get pid() {
    return this.child?.pid;
  }

  async waitReady(path, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (Date.now() < deadline && !exited) {
      try {
        const res = await fetch(this.url + path, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(
      `${this.name} not ready on ${this.url}${path} (see bench/results/tmp/logs/${this.name}.log)`,
    );
  }

  /** SIGTERM, then SIGKILL after 10 s. `signal: 'SIGKILL'` kills at once (the soak's fault). */
  async stop(signal = 'SIGTERM') {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Starts instances one after the other (migrations on start must not race) and returns them. */
export async function startAll(instances) {
  for (const i of instances) await i.start();
  return instances;
}

export const ceiling = (port) => new Instance('ceiling', port, {}, join(ROOT, 'bench', 'ceiling-server.mjs'));
