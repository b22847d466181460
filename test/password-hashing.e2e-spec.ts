import bcrypt from 'bcryptjs';
import { pbkdf2Sync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestApp, TestApp } from './utils/create-test-app';
import { UsersRepository } from '../src/users/users.repository';
import { createUser, TestUser } from './utils/factories';
import { within } from './utils/sessions-helpers';

/**
 * argon2id runs in worker processes below the event loop's priority (src/users/hash-worker-pool.ts). The
 * workers are found the way an operator finds them: child processes of this process running hash-worker.js.
 */
function hashWorkers(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('hash-worker.js'))
        pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** The nice value of a process (field 19 of /proc/PID/stat). */
function niceOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

const SERVICE_UNAVAILABLE = { detail: 'Service temporarily unavailable', code: 'service_unavailable' };

describe('password hashing in worker processes', () => {
  let t: TestApp;
  let user: TestUser;
  const login = (password = user.password, username = user.username) =>
    t.http.post('/api/token/').send({ username, password });

  describe('with the default settings', () => {
    beforeAll(async () => {
      t = await createTestApp();
      user = await createUser(t);
    });

    it('logs in, refuses a wrong password and an unknown user, hashing at nice 10 in a child process', async () => {
      await login().expect(200);
      await login('wrong-password').expect(401);
      await login(user.password, 'nobody-by-this-name').expect(401);
      const workers = hashWorkers();
      expect(workers.length).toBeGreaterThanOrEqual(1);
      for (const pid of workers) expect(niceOf(pid)).toBe(10);
    });

    it('stops its workers when the app shuts down', async () => {
      expect(hashWorkers().length).toBeGreaterThanOrEqual(1);
      await t.close();
      expect(hashWorkers()).toEqual([]);
    });
  });

  describe('with one worker and a waiting line of one', () => {
    beforeAll(async () => {
      t = await createTestApp({
        PASSWORD_HASH_CONCURRENCY: '1',
        PASSWORD_HASH_QUEUE: '1',
        PASSWORD_HASH_NICE: '15',
      });
      user = await createUser(t);
    });
    afterAll(() => t.close());

    it('runs its one worker at PASSWORD_HASH_NICE', () => {
      const workers = hashWorkers();
      expect(workers).toHaveLength(1);
      expect(niceOf(workers[0])).toBe(15);
    });

    it('answers 503 with Retry-After to logins past the waiting line, and serves the others', async () => {
      const [worker] = hashWorkers();
      process.kill(worker, 'SIGSTOP'); // holds the one worker busy with the first login
      let settled = 0;
      const attempts = Array.from({ length: 4 }, () => login().then((res) => (settled++, res)));
      // the signal that all four reached the pool: two are refused at once only when the worker and the
      // waiting line are both taken
      expect(await within(30_000, () => Promise.resolve(settled === 2))).toBeGreaterThanOrEqual(0);
      process.kill(worker, 'SIGCONT');
      const results = await Promise.all(attempts);
      const refused = results.filter((r) => r.status === 503);
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 503, 503]);
      for (const r of refused) {
        expect(r.body).toEqual(SERVICE_UNAVAILABLE);
        expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
      await login().expect(200);
    });

    it('answers 503 when the worker dies mid-hash, and the next login gets a fresh worker', async () => {
      const [worker] = hashWorkers();
      process.kill(worker, 'SIGSTOP');
      let settled = false;
      const attempt = login().then((res) => ((settled = true), res));
      await sleep(500);
      expect(settled).toBe(false); // the login waits on the stopped worker
      process.kill(worker, 'SIGKILL');
      const res = await attempt;
      expect(res.status).toBe(503);
      expect(res.body).toEqual(SERVICE_UNAVAILABLE);
      expect(res.headers['retry-after']).toBeDefined();
      await login().expect(200);
      const now = hashWorkers();
      expect(now).toHaveLength(1);
      expect(now).not.toContain(worker);
    });
  });

  describe('imported Django hashes (bcrypt, PBKDF2), checked in the same pool and queue', () => {
    let bcryptUser: TestUser;
    let pbkdf2User: TestUser;
    let other: TestUser;
    /** A user whose stored hash is the Django one `encode(password)` writes, as the import leaves it. */
    const imported = async (encode: (password: string) => string): Promise<TestUser> => {
      const u = await createUser(t);
      const users = t.app.get(UsersRepository);
      const row = (await users.findById(u.id))!;
      expect(await users.replacePasswordHash(u.id, row.passwordHash, encode(u.password))).toBe(true);
      return u;
    };
    const hashOf = async (u: TestUser) => (await t.app.get(UsersRepository).findById(u.id))!.passwordHash;
    const hashQueue = async () =>
      Number(/^bastion_password_hash_queue (\d+)/m.exec((await t.http.get('/metrics')).text)?.[1]);

    beforeAll(async () => {
      t = await createTestApp({ PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE: '1' });
      other = await createUser(t);
      bcryptUser = await imported((pw) => `bcrypt$${bcrypt.hashSync(pw, 4)}`);
      pbkdf2User = await imported(
        (pw) =>
          `pbkdf2_sha256$1000$seasalt$${pbkdf2Sync(pw, 'seasalt', 1000, 32, 'sha256').toString('base64')}`,
      );
    });
    afterAll(() => t.close());

    it('waits in the hash queue like an argon2id check: a full queue answers 503 to a bcrypt user too', async () => {
      const [worker] = hashWorkers();
      process.kill(worker, 'SIGSTOP'); // the one worker holds the first login; the second waits in line
      const held = [login(other.password, other.username), login(other.password, other.username)].map((r) =>
        r.then((res) => res),
      );
      const deadline = Date.now() + 10_000;
      while ((await hashQueue()) !== 1 && Date.now() < deadline) await sleep(20);
      expect(await hashQueue()).toBe(1);
      const res = await login('wrong-password', bcryptUser.username);
      process.kill(worker, 'SIGCONT');
      expect(res.status).toBe(503); // on the event loop (bcryptjs) it would have answered 401 at once
      expect(res.body).toEqual(SERVICE_UNAVAILABLE);
      expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
    });

    it('finds one stored hash per Django shape, to price the check of unknown usernames', async () => {
      // One per shape (a shared Postgres may hold other specs' imported users too): bcrypt$$2b$04 and
      // pbkdf2_sha256$1000 appear once each.
      const shapeOf = (h: string) =>
        h
          .split('$')
          .slice(0, h.startsWith('pbkdf2') ? 2 : 4)
          .join('$');
      const shapes = (await t.app.get(UsersRepository).djangoHashShapes()).map(shapeOf);
      for (const u of [bcryptUser, pbkdf2User]) {
        const mine = shapeOf(await hashOf(u));
        expect(shapes.filter((s) => s === mine)).toHaveLength(1);
      }
    });

    it.each([
      ['bcrypt', () => bcryptUser, /^bcrypt\$\$2b\$04\$/],
      ['pbkdf2_sha256', () => pbkdf2User, /^pbkdf2_sha256\$1000\$/],
    ])('%s: refuses a wrong password, then logs in and re-hashes to argon2id', async (_name, who, stored) => {
      const u = who();
      expect(await hashOf(u)).toMatch(stored);
      await login('wrong-password', u.username).expect(401);
      await login(u.password, u.username).expect(200);
      expect(await hashOf(u)).toMatch(/^\$argon2id\$/);
      await login(u.password, u.username).expect(200);
    });

    it('answers an unknown username with the contract 401 while bcrypt users exist', async () => {
      const res = await login('whatever', 'nobody-by-this-name').expect(401);
      expect(res.body.code).toBeUndefined();
    });
  });
});
