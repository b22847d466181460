import { DATABASES, RepositoryDatabase } from '../utils/repository-database';

describe.each(DATABASES)('migrations on %s', (kind) => {
  let db: RepositoryDatabase;
  beforeAll(async () => {
    db = await RepositoryDatabase.open(kind);
  });
  afterAll(() => db?.close());

  it("produce exactly the entities' schema (TypeORM's schema diff is empty)", async () => {
    const diff = await db.dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('revert cleanly, every one, and apply again to the same schema', async () => {
    const applied = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM typeorm_migrations');
    for (let i = 0; i < applied[0].n; i += 1) await db.dataSource.undoLastMigration({ transaction: 'each' });
    await expect(db.query('SELECT count(*)::int AS n FROM typeorm_migrations')).resolves.toEqual([{ n: 0 }]);
    await db.dataSource.runMigrations({ transaction: 'each' });
    const diff = await db.dataSource.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });
});
