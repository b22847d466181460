import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CompiledBuild, RunResult } from './utils/compiled-build';
import { createTestApp, TEST_SIGNING_KEY } from './utils/create-test-app';
import { preparedDataDir } from './utils/embedded-db';
import { FreshDatabase } from './utils/fresh-database';
import { uniqueUsername } from './utils/factories';

/** A port from this suite's range, for the server process that holds the embedded data directory. */
const LOCK_TEST_PORT = 3112;

/**
 * `npm run cli -- …` as real processes (a private compile of src/), on a fresh embedded data directory, or on
 * a fresh PostgreSQL database when TEST_DATABASE_URL is set. Effects are checked through the app itself.
 */
describe('CLI (manage.py-style commands as real processes)', () => {
  let build: CompiledBuild;
  let work: string;
  let fresh: FreshDatabase | undefined;
  let env: Record<string, string>;

  const cli = (args: string[], input?: string): Promise<RunResult> =>
    build.run(build.cliMain, args, { env, cwd: work, input });

  /** Boots the app on the same database (after the CLI process has exited) and runs `fn` against it. */
  async function withApp<T>(fn: (t: Awaited<ReturnType<typeof createTestApp>>) => Promise<T>): Promise<T> {
    const t = await createTestApp(fresh ? { DATABASE_URL: fresh.url } : { DATA_DIR: env.DATA_DIR });
    try {
      return await fn(t);
    } finally {
      await t.close();
    }
  }
  const sql = <T>(query: string, params: unknown[] = []): Promise<T[]> =>
    withApp((t) => t.app.get(DataSource).query<T[]>(query, params));
  /** The status of `POST /api/token/` for each [username, password], on one boot of the app. */
  const loginStatuses = (...attempts: [string, string][]): Promise<number[]> =>
    withApp(async (t) => {
      const statuses: number[] = [];
      for (const [username, password] of attempts) {
        statuses.push((await t.http.post('/api/token/').send({ username, password })).status);
      }
      return statuses;
    });

  beforeAll(async () => {
    build = CompiledBuild.create();
    work = mkdtempSync(join(tmpdir(), 'bastion-cli-e2e-'));
    env = {
      JWT_SIGNING_KEY: TEST_SIGNING_KEY,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      DATA_DIR: join(work, 'data'),
    };
    if (process.env.TEST_DATABASE_URL) {
      fresh = await FreshDatabase.create(process.env.TEST_DATABASE_URL, 'cli');
      env.DATABASE_URL = fresh.url;
    } else {
      renameSync(await preparedDataDir(), join(work, 'data-template'));
      // the directory the CLI opens: DATA_DIR/pglite
      mkdirSync(env.DATA_DIR, { recursive: true });
      renameSync(join(work, 'data-template'), join(env.DATA_DIR, 'pglite'));
    }
  });

  afterAll(async () => {
    build?.remove();
    await fresh?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('migrate applies every migration on an empty database, then reverts the last one and re-applies it', async () => {
    const first = await cli(['migrate']);
    expect(first).toMatchObject({ code: 0 });
    const applied = /^Applied: (.+)$/m.exec(first.stdout)?.[1].split(', ') ?? [];
    expect(applied.length).toBeGreaterThanOrEqual(1);
    expect((await cli(['migrate'])).stdout).toContain('No pending migrations.');

    const revert = await cli(['migrate', '--revert']);
    expect(revert).toMatchObject({ code: 0 });
    expect(revert.stdout).toContain('Reverted the last migration.');
    const again = await cli(['migrate']);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe(`Applied: ${applied[applied.length - 1]}`);
  });

  it('createuser --password-stdin keeps inner and outer spaces (drops only the final newline)', async () => {
    const username = uniqueUsername('cli');
    const password = '  two words  ';
    const res = await cli(
      ['createuser', username, '--password-stdin', '--email', 'a@example.com'],
      `${password}\n`,
    );
    expect(res.stderr).toBe('');
    expect(res).toMatchObject({ code: 0 });
    expect(res.stdout).toMatch(new RegExp(`Created user "${username}" \\(id \\d+\\)\\.`));
    expect(await loginStatuses([username, password], [username, password.trim()])).toEqual([200, 401]);
  });

  it('createuser --staff --inactive stores the flags; an inactive user cannot log in', async () => {
    const username = uniqueUsername('flags');
    expect(
      (await cli(['createuser', username, '--password', 'pw-flags-123', '--staff', '--inactive'])).code,
    ).toBe(0);
    const [row] = await sql<{ is_staff: boolean; is_active: boolean; is_superuser: boolean }>(
      'SELECT is_staff, is_active, is_superuser FROM users WHERE username = $1',
      [username],
    );
    expect(row).toEqual({ is_staff: true, is_active: false, is_superuser: false });
    expect(await loginStatuses([username, 'pw-flags-123'])).toEqual([401]);
  });

  it('createuser refuses a taken username with a message and exit 1', async () => {
    const username = uniqueUsername('dup');
    expect((await cli(['createuser', username, '--password', 'pw-dup-1234'])).code).toBe(0);
    const res = await cli(['createuser', username, '--password', 'other-pw-1234']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`the username ${username} is taken`);
  });

  it('createuser stores the NFKC form and refuses a name differing only by case or NFKC form', async () => {
    const username = uniqueUsername('nfkc');
    // its first letter fullwidth (t -> ｔ, U+FF54): NFKC gives the name back
    const fullwidth = String.fromCharCode(username.charCodeAt(0) + 0xfee0) + username.slice(1);
    const made = await cli(['createuser', fullwidth, '--password', 'pw-nfkc-1234']);
    expect(made.stdout).toContain(`Created user "${username}"`);
    for (const variant of [username.toUpperCase(), fullwidth]) {
      const res = await cli(['createuser', variant, '--password', 'other-pw-1234']);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('A user with that username already exists');
    }
  });

  it('setactive toggles whether the user can log in', async () => {
    const username = uniqueUsername('act');
    await cli(['createuser', username, '--password', 'pw-active-1']);
    const off = await cli(['setactive', username, 'false']);
    expect(off).toMatchObject({ code: 0 });
    expect(off.stdout).toContain(`User "${username}" is now inactive.`);
    expect(await loginStatuses([username, 'pw-active-1'])).toEqual([401]);
    expect((await cli(['setactive', username, 'true'])).code).toBe(0);
    expect(await loginStatuses([username, 'pw-active-1'])).toEqual([200]);
  });

  it('changepassword --password-stdin replaces the password', async () => {
    const username = uniqueUsername('chpw');
    await cli(['createuser', username, '--password', 'old-password-1']);
    const res = await cli(['changepassword', username, '--password-stdin'], ' new password 2 \n');
    expect(res).toMatchObject({ code: 0 });
    expect(await loginStatuses([username, 'old-password-1'], [username, ' new password 2 '])).toEqual([
      401, 200,
    ]);
  });

  it('deleteuser removes the user; deleting again is an error', async () => {
    const username = uniqueUsername('del');
    await cli(['createuser', username, '--password', 'pw-delete-1']);
    expect((await cli(['deleteuser', username])).stdout).toContain(`Deleted user "${username}".`);
    expect(await sql('SELECT id FROM users WHERE username = $1', [username])).toEqual([]);
    const again = await cli(['deleteuser', username]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`no user named "${username}"`);
  });

  it('flushexpiredtokens deletes expired tokens and their blacklist rows in batches, keeping live ones', async () => {
    const tag = `flush_${process.pid}_${Date.now()}`;
    const blacklistedBefore = await withApp(async (t) => {
      const ds = t.app.get(DataSource);
      for (let i = 0; i < 9; i += 1) {
        const expires = i < 7 ? "now() - interval '1 hour'" : "now() + interval '1 hour'";
        await ds.query(
          `INSERT INTO outstanding_token (jti, token_sha256, expires_at) VALUES ($1, $2, ${expires})`,
          [`${tag}_${i}`, 'a'.repeat(64)],
        );
      }
      // blacklist three expired tokens and one live one
      await ds.query(
        `INSERT INTO blacklisted_token (token_id) SELECT id FROM outstanding_token WHERE jti = ANY($1)`,
        [[`${tag}_0`, `${tag}_1`, `${tag}_2`, `${tag}_8`]],
      );
      const [row] = await ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM blacklisted_token');
      return row.n;
    });
    const res = await cli(['flushexpiredtokens', '--batch-size', '3']);
    expect(res).toMatchObject({ code: 0 });
    // (later features may report their own clean-up after these lines)
    expect(res.stdout.split('\n').filter(Boolean).slice(0, 5)).toEqual([
      '7 expired tokens to delete.',
      'deleted 3',
      'deleted 6',
      'deleted 7',
      'Deleted 7 expired tokens.',
    ]);
    const [left, blacklistRows] = await withApp(async (t) => {
      const ds = t.app.get(DataSource);
      return Promise.all([
        ds.query<{ jti: string; blacklisted: boolean }[]>(
          `SELECT o.jti, b.id IS NOT NULL AS blacklisted FROM outstanding_token o
             LEFT JOIN blacklisted_token b ON b.token_id = o.id WHERE o.jti LIKE $1 ORDER BY o.jti`,
          [`${tag}_%`],
        ),
        ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM blacklisted_token'),
      ]);
    });
    expect(left).toEqual([
      { jti: `${tag}_7`, blacklisted: false },
      { jti: `${tag}_8`, blacklisted: true },
    ]);
    expect(blacklistRows[0].n).toBe(blacklistedBefore - 3);
  });

  it.each([
    [['frobnicate'], 2, 'unknown command: frobnicate'],
    [[], 2, 'usage: npm run cli -- <command>'],
    [['setactive', 'ghost-user-x', 'true'], 1, 'No user named "ghost-user-x"'],
    [['changepassword', 'ghost-user-x', '--password', 'whatever-1'], 1, 'No user named "ghost-user-x"'],
    [['setactive', 'someone', 'maybe'], 2, 'expected USERNAME true|false'],
    [['createuser', 'nopw'], 2, 'give --password P or --password-stdin'],
    [['createuser', 'x', '--password', 'p1234567', '--bogus'], 2, 'unknown option --bogus'],
    [['createuser', 'x', '--password'], 2, '--password needs a value'],
    [['createuser', 'a', 'b', '--password', 'p1234567'], 2, 'expected one USERNAME'],
    [['flushexpiredtokens', '--batch-size', '0'], 2, '--batch-size: 1 to 100000'],
  ])('%j exits %i with a clear message', async (args, code, message) => {
    const res = await cli(args);
    expect(res.code).toBe(code);
    expect(res.stderr).toContain(message);
  });

  it('refuses to open the embedded database while a server holds DATA_DIR, naming the holder', async () => {
    const dataDir = join(work, 'locked');
    mkdirSync(dataDir);
    renameSync(await preparedDataDir(), join(dataDir, 'pglite'));
    const embeddedEnv = { ...env, DATA_DIR: dataDir, PORT: String(LOCK_TEST_PORT), HOST: '127.0.0.1' };
    delete (embeddedEnv as Record<string, string | undefined>).DATABASE_URL;
    const server = spawn(process.execPath, [build.serverMain], {
      cwd: work,
      env: { PATH: process.env.PATH, ...embeddedEnv },
      stdio: 'ignore',
    });
    try {
      await waitReady(`http://127.0.0.1:${LOCK_TEST_PORT}/health/ready`, server);
      const res = await build.run(build.cliMain, ['createuser', 'blocked', '--password', 'pw-blocked-1'], {
        env: embeddedEnv,
        cwd: work,
      });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`Data directory ${dataDir} is in use by server (pid ${server.pid}`);
      expect(res.stderr).toContain('Stop it first, or set DATABASE_URL');
    } finally {
      await stop(server);
    }
    const after = await build.run(
      build.cliMain,
      ['createuser', 'unblocked', '--password', 'pw-unblocked-1'],
      {
        env: embeddedEnv,
        cwd: work,
      },
    );
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
  });
});

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready after 30 s`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
