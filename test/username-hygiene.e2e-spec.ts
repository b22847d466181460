import { describeUnless } from './utils/skip';
import { DataSource } from 'typeorm';
import { MigrationRunner } from '../src/database/migration-runner';
import { DjangoUserImporter } from '../src/users/django-import/django-user-importer';
import { UserManagementService } from '../src/users/user-management.service';
import { UsernameTakenError } from '../src/users/users.repository';
import { createTestApp, onPostgres, TestApp } from './utils/create-test-app';

const TAKEN = { username: ['A user with that username already exists.'] };
const PASSWORD = 'correct horse battery';
let seq = 0;
/** A fresh lowercase ASCII tag, so tests can share one database. */
const tag = () => `${process.pid.toString(36)}${Date.now().toString(36)}${(seq += 1)}`;
/** Digits only: a tag that adds no script of its own. */
const digits = () => `${process.pid}${Date.now()}${(seq += 1)}`;

describe('usernames: NFKC, unique ignoring case, one script', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const register = (username: string) => t.http.post('/api/users/').send({ username, password: PASSWORD });
  const login = (username: string) => t.http.post('/api/token/').send({ username, password: PASSWORD });

  it('refuses a name equal to a user’s but for case or NFKC form (fullwidth letters)', async () => {
    const s = tag();
    await register(`bob${s}`).expect(201);
    await register(`Bob${s}`).expect(400, TAKEN);
    await register(`BOB${s}`).expect(400, TAKEN);
    await register(`ｂob${s}`).expect(400, TAKEN);
    await register(`ＢＯＢ${s}`).expect(400, TAKEN);
  });

  it('stores the NFKC form, and login matches exactly (case-sensitive, no normalisation)', async () => {
    const s = tag();
    const res = await register(`ｃａｒｏｌ${s}`).expect(201);
    expect(res.body).toMatchObject({ username: `carol${s}` });
    await login(`carol${s}`).expect(200);
    await login(`Carol${s}`).expect(401);
    await login(`ｃａｒｏｌ${s}`).expect(401);
  });

  it('refuses letters of several scripts in one name (Cyrillic а in a Latin name), not one script', async () => {
    const s = digits();
    await register(`alice${s}`).expect(201);
    const mixed = await register(`\u0430lice${s}`).expect(400);
    expect(mixed.body).toEqual({ username: [expect.stringContaining('one script')] });
    await register(`\u0430\u043b\u0438\u0441\u0430_${s}`).expect(201); // all Cyrillic: алиса
    await register(`\u03b1\u03bb\u03b9\u03ba\u03b7_${s}`).expect(201); // all Greek
    await register(`\u5c71\u7530\u305f\u308d\u3046${s}`).expect(201); // Japanese: Han + Hiragana (+ digits)
    await register(`\u03b1lpha${s}`).expect(400); // Greek α + Latin
  });

  it('createuser (the CLI’s service) stores NFKC and refuses case and NFKC duplicates', async () => {
    const s = tag();
    const users = t.app.get(UserManagementService);
    const made = await users.create({ username: `ｄave${s}`, password: PASSWORD });
    expect(made.username).toBe(`dave${s}`);
    await expect(users.create({ username: `Dave${s}`, password: PASSWORD })).rejects.toBeInstanceOf(
      UsernameTakenError,
    );
    await expect(users.create({ username: `ｄave${s}`, password: PASSWORD })).rejects.toBeInstanceOf(
      UsernameTakenError,
    );
    await register(`DAVE${s}`).expect(400, TAKEN);
  });

  it('the database refuses a case duplicate too (two registrations racing)', async () => {
    const s = tag();
    const results = await Promise.all([register(`eve${s}`), register(`Eve${s}`), register(`EVE${s}`)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400]);
  });
});

const embeddedOnly = describeUnless(
  'username-hygiene migration/import',
  onPostgres() && 'they change indexes, embedded database only',
);

/** Django data may hold names differing only by case: the migration and the import cope. */
embeddedOnly('case-distinct usernames from Django (embedded database)', () => {
  let t: TestApp;
  afterEach(() => t?.close());
  const indexes = async (): Promise<string[]> =>
    (
      await t.app
        .get(DataSource)
        .query<{ indexname: string }[]>(
          `SELECT indexname FROM pg_indexes WHERE tablename = 'users' ORDER BY 1`,
        )
    ).map((r) => r.indexname);

  it('the migration does not fail on existing case duplicates: a plain index, duplicates still refused', async () => {
    t = await createTestApp();
    expect(await indexes()).toContain('uq_users_username_lower');
    const db = t.app.get(DataSource);
    // The database as it was before this migration, holding Django's Frank and frank.
    await db.query(`DROP INDEX uq_users_username_lower`);
    await db.query(`DELETE FROM typeorm_migrations WHERE name = 'UsernameLowerIndex1765000000000'`);
    await db.query(
      `INSERT INTO users (username, password_hash) VALUES ('Frank', '!'), ('frank', '!'), ('FRANK', '!')`,
    );
    expect(await t.app.get(MigrationRunner).run()).toEqual(['UsernameLowerIndex1765000000000']);
    expect(await indexes()).toEqual(expect.arrayContaining(['ix_users_username_lower']));
    expect(await indexes()).not.toContain('uq_users_username_lower');
    await t.http.post('/api/users/').send({ username: 'fRANK', password: PASSWORD }).expect(400, TAKEN);
  });

  const djangoUsers = JSON.stringify(
    ['Grace', 'grace'].map((username, i) => ({
      model: 'auth.user',
      pk: 9001 + i,
      fields: { username, password: '!', email: '', is_active: true, date_joined: '2020-01-01T00:00:00Z' },
    })),
  );

  it('the import refuses case duplicates by default, naming USERNAME_CASE_SENSITIVE_UNIQUE', async () => {
    t = await createTestApp();
    const report = await t.app.get(DjangoUserImporter).import(djangoUsers, 'json');
    expect(report.inserted).toBe(1);
    expect(report.problems).toEqual([
      expect.objectContaining({ message: expect.stringContaining('USERNAME_CASE_SENSITIVE_UNIQUE=true') }),
    ]);
  });

  it('USERNAME_CASE_SENSITIVE_UNIQUE=true imports them; registration still refuses new case duplicates', async () => {
    t = await createTestApp({ USERNAME_CASE_SENSITIVE_UNIQUE: 'true' });
    const report = await t.app.get(DjangoUserImporter).import(djangoUsers, 'json');
    expect(report).toMatchObject({ inserted: 2, problems: [] });
    expect(await indexes()).not.toContain('uq_users_username_lower');
    await t.http.post('/api/users/').send({ username: 'GRACE', password: PASSWORD }).expect(400, TAKEN);
  });
});
