import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { UserAccessService } from '../src/permissions/user-access.service';
import { UsersService } from '../src/users/users.service';
import { cliInProcess } from './utils/cli-in-process';
import { CompiledBuild, RunResult } from './utils/compiled-build';
import { freePort } from './utils/free-port';
import { createTestApp, TEST_SIGNING_KEY } from './utils/create-test-app';
import { preparedDataDir } from './utils/embedded-db';
import { FreshDatabase } from './utils/fresh-database';
import { uniqueUsername } from './utils/factories';

/**
 * The CLI's commands through runCli in-process (what main.ts calls), on a fresh embedded data directory, or on
 * a fresh PostgreSQL database when TEST_DATABASE_URL is set; effects are checked through the app itself. A
 * few tests run `node dist/…/cli/main.js` as real processes, where the process boundary is the point: exit
 * statuses, standard input, the data-directory lock held by another process.
 */
describe('CLI (manage.py-style commands)', () => {
  let work: string;
  let fresh: FreshDatabase | undefined;
  let env: Record<string, string>;

  /** One command line in-process: its exit status and what it wrote. */
  const cli = (args: string[], stdin = '', answers: string[] = [], extraEnv: Record<string, string> = {}) =>
    cliInProcess(args, { ...env, ...extraEnv }, { stdin, answers });

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
      (await cli(['createuser', username, '--password-stdin', '--staff', '--inactive'], 'pw-flags-123')).code,
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
    expect((await cli(['createuser', username, '--password-stdin'], 'pw-dup-1234')).code).toBe(0);
    const res = await cli(['createuser', username, '--password-stdin'], 'other-pw-1234');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`the username ${username} is taken`);
  });

  it('createuser stores the NFKC form and refuses a name differing only by case or NFKC form', async () => {
    const username = uniqueUsername('nfkc');
    // its first letter fullwidth (t -> ｔ, U+FF54): NFKC gives the name back
    const fullwidth = String.fromCharCode(username.charCodeAt(0) + 0xfee0) + username.slice(1);
    const made = await cli(['createuser', fullwidth, '--password-stdin'], 'pw-nfkc-1234');
    expect(made.stdout).toContain(`Created user "${username}"`);
    for (const variant of [username.toUpperCase(), fullwidth]) {
      const res = await cli(['createuser', variant, '--password-stdin'], 'other-pw-1234');
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('A user with that username already exists');
    }
  });

  it('setactive toggles whether the user can log in', async () => {
    const username = uniqueUsername('act');
    await cli(['createuser', username, '--password-stdin'], 'pw-active-1');
    const off = await cli(['setactive', username, 'false']);
    expect(off).toMatchObject({ code: 0 });
    expect(off.stdout).toContain(`User "${username}" is now inactive.`);
    expect(await loginStatuses([username, 'pw-active-1'])).toEqual([401]);
    expect((await cli(['setactive', username, 'true'])).code).toBe(0);
    expect(await loginStatuses([username, 'pw-active-1'])).toEqual([200]);
  });

  it('changepassword --password-stdin replaces the password', async () => {
    const username = uniqueUsername('chpw');
    await cli(['createuser', username, '--password-stdin'], 'old-password-1');
    const res = await cli(['changepassword', username, '--password-stdin'], ' new password 2 \n');
    expect(res).toMatchObject({ code: 0 });
    expect(await loginStatuses([username, 'old-password-1'], [username, ' new password 2 '])).toEqual([
      401, 200,
    ]);
  });

  it('deleteuser removes the user; deleting again is an error', async () => {
    const username = uniqueUsername('del');
    await cli(['createuser', username, '--password-stdin'], 'pw-delete-1');
    expect((await cli(['deleteuser', username])).stdout).toContain(`Deleted user "${username}".`);
    expect(await sql('SELECT id FROM users WHERE username = $1', [username])).toEqual([]);
    const again = await cli(['deleteuser', username]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`No user named "${username}"`);
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
    // Not a terminal: a progress line now and then (the first batch at once, the end), then the summary.
    const lines = res.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toBe('7 expired tokens to delete.');
    const progress = lines.filter((l) => l.startsWith('expired tokens: '));
    expect(progress[0]).toMatch(/^expired tokens: 3\/7 \(\d+\/s\)$/);
    expect(progress[progress.length - 1]).toMatch(/^expired tokens: 7\/7 \(\d+\/s\)$/);
    expect(lines[lines.indexOf(progress[progress.length - 1]) + 1]).toBe('Deleted 7 expired tokens.');
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
    [['setactive', 'ghost-user-x', 'true'], 1, 'No user named "ghost-user-x"'],
    [['changepassword', 'ghost-user-x', '--password-stdin'], 1, 'No user named "ghost-user-x"'],
    [['deleteuser', 'ghost-user-x'], 1, 'No user named "ghost-user-x"'],
    [['setactive', 'someone', 'maybe'], 2, 'expected USERNAME true|false'],
    [['createuser', 'nopw'], 2, 'give the password on standard input with --password-stdin'],
    [['createuser', 'x', '--password', 'p1234567'], 2, 'unknown option --password'],
    [['createuser', 'x', '--password-stdin', '--bogus'], 2, 'unknown option --bogus'],
    [['createuser', 'a', 'b', '--password-stdin'], 2, 'expected USERNAME'],
    [['flushexpiredtokens', '--batch-size', '0'], 2, '--batch-size: 1 to 100000'],
    [['importusers', '/nonexistent/users.json'], 2, 'cannot read /nonexistent/users.json (ENOENT)'],
  ])('%j exits %i with a clear message', async (args, code, message) => {
    const res = await cli(args, 'whatever-pw-1');
    expect(res.code).toBe(code);
    expect(res.stderr).toContain(message);
  });

  it('settings prints every effective value with secrets masked; an invalid one exits 1 naming it', async () => {
    const res = await cli(['settings'], '', [], { PORT: '4321', DEVICE_TOKEN_SECRET: 's'.repeat(40) });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^PORT +4321\n/m);
    expect(res.stdout).toMatch(/^JWT_SIGNING_KEY +\*\*\*\*\n/m);
    expect(res.stdout).toMatch(/^DEVICE_TOKEN_SECRET +\*\*\*\*\n/m);
    expect(res.stdout).toMatch(/^JWT_ACCESS_TOKEN_LIFETIME +5m +\(default\)\n/m);
    expect(res.stdout).not.toContain(TEST_SIGNING_KEY);
    expect(res.stdout).not.toContain('s'.repeat(40));
    const bad = await cli(['settings'], '', [], { PORT: 'eighty' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^PORT +eighty\n/m);
    expect(bad.stderr).toContain('PORT: expected an integer from 0 to 65535, got "eighty"');
  });

  it('deleteuser --if-exists succeeds when there is no such user', async () => {
    const res = await cli(['deleteuser', '--if-exists', 'ghost-user-y']);
    expect(res).toMatchObject({ code: 0, stdout: 'No user named "ghost-user-y": nothing to delete.\n' });
  });

  it('grant, revoke, addgroup and adduser-to-group change what the user may do in the admin API', async () => {
    const username = uniqueUsername('perm');
    const group = uniqueUsername('grp');
    expect((await cli(['createuser', username, '--password-stdin'], 'pw-perm-1234')).code).toBe(0);
    const granted = await cli(['grant', username, 'auth.view_user', 'auth.change_user']);
    expect(granted).toMatchObject({
      code: 0,
      stdout: `Granted 2 permission(s) to "${username}" (0 held already).\n`,
    });
    expect(await cli(['grant', username, 'auth.view_user'])).toMatchObject({
      code: 0,
      stdout: `Granted 0 permission(s) to "${username}" (1 held already).\n`,
    });
    expect(await cli(['revoke', username, 'auth.change_user', 'auth.delete_user'])).toMatchObject({
      code: 0,
      stdout: `Revoked 1 permission(s) from "${username}" (1 not held directly).\n`,
    });
    expect(await cli(['revoke', username, 'auth.change_user'])).toMatchObject({
      code: 0,
      stdout: `Revoked 0 permission(s) from "${username}" (1 not held directly).\n`,
    });
    const created = await cli([
      'addgroup',
      group,
      'security.view_securityevent',
      'security.view_securityevent',
    ]);
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toMatch(
      new RegExp(`^Created group "${group}" \\(id \\d+\\) with 1 permission\\(s\\)\\.\\n$`),
    );
    expect(await cli(['adduser-to-group', username, group])).toMatchObject({
      code: 0,
      stdout: `Added "${username}" to group "${group}".\n`,
    });
    const statuses = await withApp(async (t) => {
      const login = await t.http.post('/api/token/').send({ username, password: 'pw-perm-1234' }).expect(200);
      const auth = ['Authorization', `Bearer ${(login.body as { access: string }).access}`] as const;
      return Promise.all(
        ['/api/admin/users/', '/api/admin/events/', '/api/admin/groups/'].map(
          async (url) => (await t.http.get(url).set(...auth)).status,
        ),
      );
    });
    expect(statuses).toEqual([200, 200, 403]);
    expect(await cli(['grant', username, 'auth.fly'])).toMatchObject({
      code: 1,
      stderr: 'error: Object with codename=auth.fly does not exist.\n',
    });
    expect(await cli(['grant', 'ghost-user-z', 'auth.view_user'])).toMatchObject({ code: 1 });
    expect(await cli(['addgroup', group])).toMatchObject({
      code: 1,
      stderr: 'error: a group with this name already exists.\n',
    });
    expect((await cli(['grant', username])).code).toBe(2);
    expect((await cli(['grant', '--help'])).stdout).toContain('PERMISSION…');
  });

  it("apikeys lists a user's keys without the keys; revokeapikey revokes any user's key", async () => {
    const username = uniqueUsername('keys');
    expect((await cli(['createuser', username, '--password-stdin'], 'pw-keys-1234')).code).toBe(0);
    expect(await cli(['apikeys', username])).toMatchObject({
      code: 0,
      stdout: `"${username}" has no live API keys.\n`,
    });
    const created = await withApp(async (t) => {
      const login = await t.http.post('/api/token/').send({ username, password: 'pw-keys-1234' }).expect(200);
      const res = await t.http
        .post('/api/keys/')
        .set('Authorization', `Bearer ${(login.body as { access: string }).access}`)
        .send({ name: 'export', password: 'pw-keys-1234', permissions: [] })
        .expect(201);
      return res.body as { prefix: string; key: string };
    });
    const listed = await cli(['apikeys', username]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${created.prefix}\t"export"`);
    expect(listed.stdout).toContain('last used never');
    expect(listed.stdout).toContain('permissions []');
    expect(listed.stdout).not.toContain(created.key.slice(13));
    expect(await cli(['revokeapikey', created.prefix])).toMatchObject({
      code: 0,
      stdout: `Revoked API key ${created.prefix}.\n`,
    });
    expect(await cli(['revokeapikey', created.prefix])).toMatchObject({
      code: 1,
      stderr: `error: no live API key "${created.prefix}"\n`,
    });
    const status = await withApp(
      async (t) => (await t.http.get('/api/secure/').set('Authorization', `Api-Key ${created.key}`)).status,
    );
    expect(status).toBe(401);
    expect(await cli(['apikeys', 'ghost-user-k'])).toMatchObject({ code: 1 });
  });

  it('revokeapikey revokes a key whose prefix starts with "-" when it follows "--", as the help says', async () => {
    const username = uniqueUsername('dash');
    expect((await cli(['createuser', username, '--password-stdin'], 'pw-dash-1234')).code).toBe(0);
    const [{ id }] = await sql<{ id: number }>('SELECT id FROM users WHERE username = $1', [username]);
    // Pinned: a prefix that starts with "-" (new keys never have one; older keys may).
    const prefix = `-${randomBytes(8).toString('base64url')}`;
    const key = `${prefix}.${randomBytes(32).toString('base64url')}`;
    await sql(`INSERT INTO api_key (prefix, hashed_key, name, user_id) VALUES ($1, $2, 'old', $3)`, [
      prefix,
      createHash('sha256').update(key).digest('hex'),
      id,
    ]);
    const keyStatus = () =>
      withApp(async (t) => (await t.http.get('/api/secure/').set('Authorization', `Api-Key ${key}`)).status);
    expect(await keyStatus()).toBe(200);
    expect((await cli(['revokeapikey', '--help'])).stdout).toContain('revokeapikey -- -');
    expect(await cli(['revokeapikey', prefix])).toMatchObject({ code: 2 }); // read as an option
    expect(await cli(['revokeapikey', '--', prefix])).toMatchObject({
      code: 0,
      stdout: `Revoked API key ${prefix}.\n`,
    });
    expect(await keyStatus()).toBe(401);
  });

  it('createuser asks for the password twice on a terminal, and never takes it as an argument', async () => {
    const username = uniqueUsername('asked');
    const mismatch = await cli(['createuser', username], '', ['pw-asked-1234', 'pw-asked-12345']);
    expect(mismatch).toMatchObject({ code: 1, stderr: "error: the two passwords didn't match\n" });
    expect(await cli(['createuser', username], '', ['pw-asked-1234', 'pw-asked-1234'])).toMatchObject({
      code: 0,
    });
    expect(await loginStatuses([username, 'pw-asked-1234'])).toEqual([200]);
  });

  it("createuser and changepassword apply the API's password policy unless --skip-password-validation", async () => {
    const username = uniqueUsername('policy');
    const refused = await cli(['createuser', username, '--password-stdin'], '123');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('password refused: This password is too short.');
    expect(refused.stderr).toContain('This password is entirely numeric.');
    expect(refused.stderr).toContain('--skip-password-validation');
    expect(await sql('SELECT id FROM users WHERE username = $1', [username])).toEqual([]);

    expect(
      (await cli(['createuser', username, '--password-stdin', '--skip-password-validation'], '123')).code,
    ).toBe(0);
    const same = await cli(['changepassword', username, '--password-stdin'], username);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain('The password is too similar to the username.');
    expect(await loginStatuses([username, '123'])).toEqual([200]);
  });

  describe("importusers with a dumpdata auth file (permissions, groups, the users' groups and permissions)", () => {
    const fixture = (name: string) => join(__dirname, 'fixtures', name);
    const PLAIN = fixture('django-dumpdata-auth.json');
    const NATURAL = fixture('django-dumpdata-auth-natural.json');
    /** Bob's password in the fixtures' hash (test/fixtures/django-auth-user.json). */
    const PASSWORD = 'lètmein';
    const ADMIN_ROUTES = ['/api/admin/users/', '/api/admin/groups/', '/api/admin/events/'];

    /** For each user: the statuses of ADMIN_ROUTES, and their effective permissions (sorted). */
    const access = (...usernames: string[]) =>
      withApp(async (t) => {
        const seen: Record<string, { statuses: number[]; permissions: string[] }> = {};
        for (const username of usernames) {
          const login = await t.http.post('/api/token/').send({ username, password: PASSWORD }).expect(200);
          const auth = ['Authorization', `Bearer ${(login.body as { access: string }).access}`] as const;
          const statuses: number[] = [];
          for (const url of ADMIN_ROUTES) statuses.push((await t.http.get(url).set(...auth)).status);
          const { id } = (await t.app.get(UsersService).findByUsername(username))!;
          const permissions = [...(await t.app.get(UserAccessService).effectiveOf(id))].sort();
          seen[username] = { statuses, permissions };
        }
        return seen;
      });

    it('resolves plain pks through the content types, creates the missing permissions, and is idempotent', async () => {
      const first = await cli(['importusers', PLAIN]);
      expect(first).toMatchObject({ code: 0, stderr: '' });
      expect(first.stdout).toContain('Imported 2 users: 2 new, 0 updated.\n');
      expect(first.stdout).toContain(
        'Imported 4 permission(s) (2 new), 2 group(s) (2 new, 0 changed), 1 group membership(s) and ' +
          '2 user permission(s) of 2 user(s) (2 changed).\n',
      );
      expect(await access('imported-erin', 'imported-frank')).toEqual({
        'imported-erin': {
          statuses: [200, 200, 403],
          permissions: ['auth.view_group', 'auth.view_user', 'blog.add_post', 'blog.view_post'],
        },
        'imported-frank': { statuses: [200, 403, 403], permissions: ['auth.view_user'] },
      });
      const again = await cli(['importusers', PLAIN]);
      expect(again).toMatchObject({ code: 0 });
      expect(again.stdout).toContain(
        'Imported 4 permission(s) (0 new), 2 group(s) (0 new, 0 changed), 1 group membership(s) and ' +
          '2 user permission(s) of 2 user(s) (0 changed).\n',
      );
      const names = await sql<{ name: string }>(
        `SELECT name FROM auth_permission WHERE app_label = 'blog' ORDER BY codename`,
      );
      expect(names).toEqual([{ name: 'Can add post' }, { name: 'Can view post' }]);
    });

    it('reads natural keys (--natural-foreign), naming groups already here, and replaces what the user held', async () => {
      expect((await cli(['importusers', PLAIN])).code).toBe(0);
      const first = await cli(['importusers', NATURAL]);
      expect(first).toMatchObject({ code: 0, stderr: '' });
      expect(first.stdout).toContain(
        'Imported 1 permission(s) (1 new), 1 group(s) (1 new, 0 changed), 2 group membership(s) and ' +
          '1 user permission(s) of 1 user(s) (1 changed).\n',
      );
      const gina = {
        statuses: [200, 200, 200],
        permissions: [
          'auth.view_group',
          'auth.view_user',
          'blog.add_post',
          'blog.delete_post',
          'blog.view_post',
          'security.view_securityevent',
        ],
      };
      expect(await access('imported-gina')).toEqual({ 'imported-gina': gina });
      // Changed here since: the file's groups and user_permissions replace the user's again.
      expect((await cli(['grant', 'imported-gina', 'auth.change_user'])).code).toBe(0);
      expect((await cli(['addgroup', 'imported-extra', 'auth.delete_user'])).code).toBe(0);
      expect((await cli(['adduser-to-group', 'imported-gina', 'imported-extra'])).code).toBe(0);
      const again = await cli(['importusers', NATURAL]);
      expect(again.stdout).toContain('(0 new, 0 changed), 2 group membership(s)');
      expect(again.stdout).toContain('of 1 user(s) (1 changed).\n');
      expect(await access('imported-gina')).toEqual({ 'imported-gina': gina });
    });

    it('reports what it cannot resolve as FILE:LINE, skips it whole, and imports the rest (exit 1)', async () => {
      const file = join(work, 'broken-dumpdata.json');
      const entries = [
        { model: 'auth.permission', pk: 50, fields: { name: 'Can fly', content_type: 77, codename: 'fly' } },
        { model: 'auth.group', pk: 9, fields: { name: 'imported-pilots', permissions: [50] } },
        { model: 'sessions.session', pk: 'abc', fields: {} },
        {
          model: 'auth.permission',
          pk: 51,
          fields: { name: 'Can land', content_type: ['air', 'plane'], codename: 'land' },
        },
      ];
      writeFileSync(file, `[\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]\n`);
      const res = await cli(['importusers', file]);
      expect(res).toMatchObject({ code: 1, stderr: 'error: 3 record(s) skipped, see above\n' });
      expect(res.stdout).toContain(
        `${file}:2: skipped: auth.permission 50: content_type: pk 77 names no readable contenttypes.contenttype entry of this file\n` +
          `${file}:3: skipped: auth.group 9: permissions: pk 50 names no readable auth.permission entry of this file\n` +
          `${file}:4: skipped: model sessions.session is not imported (users, auth.group, auth.permission and contenttypes.contenttype are)\n`,
      );
      const rows = await sql<{ codename: string }>(
        `SELECT codename FROM auth_permission WHERE app_label = 'air' OR codename = 'fly'`,
      );
      expect(rows).toEqual([{ codename: 'land' }]);
      expect(await sql(`SELECT id FROM auth_group WHERE name = 'imported-pilots'`)).toEqual([]);
    });
  });
});

describe('CLI as real processes (exit statuses, stdin, the data-directory lock)', () => {
  let build: CompiledBuild;
  let work: string;
  let env: Record<string, string>;

  beforeAll(() => {
    build = CompiledBuild.create();
    work = mkdtempSync(join(tmpdir(), 'bastion-cli-proc-'));
    env = {
      JWT_SIGNING_KEY: TEST_SIGNING_KEY,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      DATA_DIR: join(work, 'data'),
    };
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  const run = (args: string[], input?: string): Promise<RunResult> =>
    build.run(build.cliMain, args, { env, cwd: work, input });

  it.each([
    [['help'], 0, 'stdout', 'commands:\n  createuser'],
    [['changepassword', '--help'], 0, 'stdout', 'usage: npx bastion changepassword USERNAME [options]'],
    [['frobnicate'], 2, 'stderr', 'unknown command: frobnicate'],
    [[], 2, 'stderr', 'usage: npx bastion <command>'],
    [['createuser', 'x', '--password', 'pw-in-ps-1'], 2, 'stderr', 'error: unknown option --password'],
  ] as const)('%j exits %i', async (args, code, stream, text) => {
    const res = await run([...args]);
    expect(res.code).toBe(code);
    expect(res[stream]).toContain(text);
  });

  it('package.json names bin/bastion.mjs as the bastion command, so npx bastion runs it', () => {
    const root = join(__dirname, '..');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    const bin = join(root, pkg.bin.bastion);
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(() => accessSync(bin, constants.X_OK)).not.toThrow();
    expect(readFileSync(bin, 'utf8')).toContain('dist/src/cli/main.js');
  });

  it('refuses to open the embedded database while a server holds DATA_DIR; then reads the password from stdin', async () => {
    mkdirSync(env.DATA_DIR);
    renameSync(await preparedDataDir(), join(env.DATA_DIR, 'pglite'));
    const port = await freePort();
    const serverEnv = { ...env, PORT: String(port), HOST: '127.0.0.1' };
    const server = spawn(process.execPath, [build.serverMain], {
      cwd: work,
      env: { PATH: process.env.PATH, ...serverEnv },
      stdio: 'ignore',
    });
    try {
      await waitReady(`http://127.0.0.1:${port}/health/ready`, server);
      const res = await run(['createuser', 'blocked', '--password-stdin'], 'pw-blocked-1');
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`Data directory ${env.DATA_DIR} is in use by server (pid ${server.pid}`);
      expect(res.stderr).toContain('Stop it first, or set DATABASE_URL');
    } finally {
      await stop(server);
    }
    const password = '  two words  ';
    const after = await run(['createuser', 'unblocked', '--password-stdin'], `${password}\n`);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    // The embedded database the CLI wrote, also when the suite runs on PostgreSQL (TEST_DATABASE_URL).
    const t = await createTestApp({ DATA_DIR: env.DATA_DIR, DATABASE_URL: '' });
    try {
      const login = (p: string) => t.http.post('/api/token/').send({ username: 'unblocked', password: p });
      expect([(await login(password)).status, (await login(password.trim())).status]).toEqual([200, 401]);
    } finally {
      await t.close();
    }
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
