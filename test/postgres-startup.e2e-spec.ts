import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/database/migrations';
import { createTestApp, TestApp } from './utils/create-test-app';
import { FreshDatabase } from './utils/fresh-database';
import { createUser, obtainPair } from './utils/factories';
import { describeUnless } from './utils/skip';

const BASE_URL = process.env.TEST_DATABASE_URL;
const describeOnPostgres = describeUnless(
  'postgres-startup.e2e-spec',
  !BASE_URL && 'TEST_DATABASE_URL is not set (needs a real PostgreSQL)',
);

describeOnPostgres('two instances starting together on one empty PostgreSQL database', () => {
  let db: FreshDatabase;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    db = await FreshDatabase.create(BASE_URL as string, 'pair');
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await db.drop();
  });

  it('both come up (migrations serialised by the advisory lock), each migration applied once', async () => {
    const started = await Promise.allSettled([
      createTestApp({ DATABASE_URL: db.url }),
      createTestApp({ DATABASE_URL: db.url }),
      createTestApp({ DATABASE_URL: db.url }),
    ]);
    for (const s of started) if (s.status === 'fulfilled') apps.push(s.value);
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'up'))).toEqual([
      'up',
      'up',
      'up',
    ]);

    const rows = await db.query<{ name: string }>('SELECT name FROM typeorm_migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => new m().name ?? m.name));

    // and they share the data: a user made through one logs in through the others
    const user = await createUser(apps[0]);
    for (const app of apps) {
      await app.http.get('/health/ready').expect(200);
      expect((await obtainPair(app, user)).access).toEqual(expect.any(String));
    }
    expect(apps[1].app.get(DataSource).isInitialized).toBe(true);
  });
});
