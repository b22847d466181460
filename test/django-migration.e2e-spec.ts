import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DjangoAccessImporter } from '../src/permissions/django-access-importer';
import { DjangoUserImporter } from '../src/users/django-import/django-user-importer';
import { UsersService } from '../src/users/users.service';
import { createTestApp, TEST_SIGNING_KEY, TestApp } from './utils/create-test-app';
import { createUser, obtainPair } from './utils/factories';
import { FreshDatabase } from './utils/fresh-database';

const FIXTURE = readFileSync(join(__dirname, 'fixtures', 'django-auth-user.json'), 'utf8');

/** What djangorestframework-simplejwt 5 (PyJWT) emits: compact JSON, header {"alg":"HS256","typ":"JWT"}. */
function simplejwtToken(type: 'access' | 'refresh', userId: number, lifetime: number): string {
  const now = Math.floor(Date.now() / 1000);
  const header = JSON.stringify({ alg: 'HS256', typ: 'JWT' });
  const payload = JSON.stringify({
    token_type: type,
    exp: now + lifetime,
    iat: now,
    jti: randomUUID().replace(/-/g, ''),
    user_id: userId,
  });
  const input = `${Buffer.from(header).toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
  return `${input}.${createHmac('sha256', TEST_SIGNING_KEY).update(input).digest('base64url')}`;
}

describe('coming from Django simplejwt', () => {
  let t: TestApp;
  let db: FreshDatabase | undefined;
  const login = (username: string, password: string) =>
    t.http.post('/api/token/').send({ username, password });
  const hashOf = async (username: string) =>
    (await t.app.get(UsersService).findByUsername(username))!.passwordHash;

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL)
      db = await FreshDatabase.create(process.env.TEST_DATABASE_URL, 'django');
    t = await createTestApp(db ? { DATABASE_URL: db.url } : {});
  });
  afterAll(async () => {
    await t.close();
    await db?.drop();
  });

  it('imports dumpdata auth.user, reports the malformed record with its line, keeps ids and fields', async () => {
    const report = await t.app.get(DjangoUserImporter).import(FIXTURE, 'json');
    expect(report).toMatchObject({ inserted: 4, updated: 0, unverifiable: 1 });
    expect(report.problems).toEqual([
      { line: 38, message: 'pk: expected a positive integer id, got "not-a-number"' },
    ]);
    const alice = (await t.app.get(UsersService).findById(41))!;
    expect(alice).toMatchObject({
      username: 'alice',
      email: 'alice@example.com',
      isStaff: true,
      isSuperuser: true,
      isActive: true,
    });
    expect(alice.lastLogin?.toISOString()).toBe('2025-06-01T10:00:00.123Z');
    expect(alice.dateJoined.toISOString()).toBe('2020-01-02T03:04:05.000Z');
    expect(alice.passwordHash).toMatch(/^pbkdf2_sha256\$870000\$/);
    const bob = (await t.app.get(UsersService).findById(42))!;
    expect(bob.dateJoined.toISOString()).toBe('2021-05-06T07:08:09.500Z'); // naive: UTC
    expect((await t.app.get(UsersService).findById(44))!.dateJoined.toISOString()).toBe(
      '2021-12-31T22:00:00.000Z',
    );
    expect(await t.app.get(UsersService).findByUsername('broken')).toBeNull();
  });

  it('logs in with the Django password, re-hashes it to argon2id, and user_id is the Django id', async () => {
    await login('alice', 'wrong password').expect(401);
    expect(await hashOf('alice')).toMatch(/^pbkdf2_sha256\$/);
    const res = await login('alice', 'correct horse battery').expect(200);
    const claims = JSON.parse(
      Buffer.from((res.body.access as string).split('.')[1], 'base64url').toString(),
    ) as Record<string, unknown>;
    expect(claims.user_id).toBe(41);
    expect(await hashOf('alice')).toMatch(/^\$argon2id\$/);
    await login('alice', 'correct horse battery').expect(200);
    await login('alice', 'wrong password').expect(401);
    await login('bob', 'lètmein').expect(200);
    await login('carol', 'inactive pass').expect(401);
    expect(await hashOf('carol')).toMatch(/^\$argon2id\$/); // the password was right: re-hashed all the same
    await login('nologin', '!unusableUnusableUnusable0123456789abcdef').expect(401);
  });

  it('re-running the import updates in place and keeps a password already re-hashed here', async () => {
    const report = await t.app.get(DjangoUserImporter).import(FIXTURE, 'json');
    expect(report).toMatchObject({ inserted: 0, updated: 4 });
    expect(await hashOf('alice')).toMatch(/^\$argon2id\$/);
    expect(await hashOf('bob')).toMatch(/^\$argon2id\$/);
    await login('alice', 'correct horse battery').expect(200);
  });

  it('continues the id sequence after the imported ids', async () => {
    const user = await createUser(t);
    expect(user.id).toBeGreaterThan(45);
  });

  it("applies imported groups and permissions from a logged-in user's next request on (the bus)", async () => {
    const user = await createUser(t);
    const { access } = await obtainPair(t, user);
    const list = () => t.http.get('/api/admin/users/').set('Authorization', `Bearer ${access}`);
    await list().expect(403); // and the user's (empty) permissions are now cached
    const viewers = (permissions: unknown[]) => ({
      line: 2,
      model: 'auth.group',
      pk: 1,
      fields: { name: `viewers-${user.id}`, permissions },
    });
    const importer = t.app.get(DjangoAccessImporter);
    const links = { line: 1, userId: user.id, groups: [[`viewers-${user.id}`]], userPermissions: [] };
    const first = await importer.import([viewers([['view_user', 'auth', 'user']])], [links]);
    expect(first).toMatchObject({ newGroups: 1, changedUsers: 1, memberships: 1, problems: [] });
    await list().expect(200);
    const emptied = await importer.import([viewers([])], []);
    expect(emptied).toMatchObject({ groups: 1, changedGroups: 1, problems: [] });
    await list().expect(403);
  });

  it('reads a CSV with the same columns, reporting bad rows by line and skipping them whole', async () => {
    const bobHash = JSON.parse(FIXTURE)[1].fields.password as string;
    const csv = [
      'id,password,last_login,is_superuser,username,first_name,last_name,email,is_staff,is_active,date_joined',
      `61,${bobHash},,False,dave,Dave,"Multi\nline, name",dave@example.com,False,True,2023-03-04 05:06:07`,
      `62,${bobHash},,maybe,erin,,,,False,True,2023-03-04T05:06:07Z`,
      `63,${bobHash},,False,alice,,,,False,True,2023-03-04T05:06:07Z`,
      '64,x,,False,frank,,,,False,True',
      `65,${bobHash},,false,"grace ""g""",,,,0,1,2023-03-04T05:06:07Z`,
      '',
    ].join('\r\n');
    const report = await t.app.get(DjangoUserImporter).import(csv, 'csv');
    expect(report.problems).toEqual([
      { line: 4, message: 'is_superuser: expected true or false, got "maybe"' },
      { line: 5, message: 'username "alice" belongs to a user with another id' },
      { line: 6, message: '10 columns, the header has 11' },
    ]);
    expect(report).toMatchObject({ inserted: 2, updated: 0 });
    expect(await t.app.get(UsersService).findByUsername('erin')).toBeNull();
    expect(await t.app.get(UsersService).findById(63)).toBeNull();
    expect((await t.app.get(UsersService).findById(65))!.username).toBe('grace "g"');
    await login('dave', 'lètmein').expect(200);
  });

  it('accepts tokens the Django deployment issued with the same JWT_SIGNING_KEY', async () => {
    const access = simplejwtToken('access', 42, 300);
    const secure = await t.http.get('/api/secure/').set('Authorization', `Bearer ${access}`).expect(200);
    expect(secure.body).toEqual({ message: 'This is a secure endpoint.' });
    const refresh = simplejwtToken('refresh', 42, 86400);
    const res = await t.http.post('/api/token/refresh/').send({ refresh }).expect(200);
    await t.http
      .get('/api/secure/')
      .set('Authorization', `Bearer ${res.body.access as string}`)
      .expect(200);
    await t.http.post('/api/token/verify/').send({ token: access }).expect(200);
    // Signed with another key: refused.
    const other = `${access.slice(0, access.lastIndexOf('.'))}.${createHmac(
      'sha256',
      'another-key-0123456789abcdef0123456789',
    )
      .update(access.slice(0, access.lastIndexOf('.')))
      .digest('base64url')}`;
    await t.http.get('/api/secure/').set('Authorization', `Bearer ${other}`).expect(401);
  });
});
