import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { PgliteDriver } from '../../src/database/pglite.driver';
import { preparedDataDir } from './embedded-db';
import { FreshDatabase } from './fresh-database';

/** Where a repository spec runs: always the embedded database, and PostgreSQL when TEST_DATABASE_URL is set. */
export const DATABASES: ('pglite' | 'postgres')[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

/** Every entity class of src/ (each in a `entities/*.entity.ts` file), as the app's autoLoadEntities sees them. */
export async function allEntities(): Promise<NonNullable<DataSourceOptions['entities']>> {
  const found: (new () => unknown)[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.name.endsWith('.entity.ts') && dir.endsWith('entities')) {
        const mod = (await import(path)) as Record<string, unknown>;
        for (const v of Object.values(mod)) if (typeof v === 'function') found.push(v as new () => unknown);
      }
    }
  };
  await walk(join(__dirname, '../../src'));
  return found;
}

type DataSourceOptions = ConstructorParameters<typeof DataSource>[0];

/**
 * A migrated database and nothing else of the app: the data source the app would build (the one options
 * object), migrations applied, for repositories constructed directly. PGlite: a private copy of the
 * prepared template; PostgreSQL: a fresh database on TEST_DATABASE_URL's server, dropped on close.
 */
export class RepositoryDatabase {
  private constructor(
    readonly dataSource: DataSource,
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async open(kind: 'pglite' | 'postgres', timeoutMs = 10_000): Promise<RepositoryDatabase> {
    const entities = await allEntities();
    const db = { url: undefined as string | undefined, poolSize: 10, timeoutMs };
    let driver: PgliteDriver | null = null;
    let fresh: FreshDatabase | null = null;
    if (kind === 'postgres') {
      fresh = await FreshDatabase.create(process.env.TEST_DATABASE_URL as string, 'repo');
      db.url = fresh.url;
    } else {
      driver = PgliteDriver.open(await preparedDataDir());
      await driver.ready();
    }
    const options = dataSourceOptions(db as Parameters<typeof dataSourceOptions>[0], driver);
    const dataSource = new DataSource({ ...options, entities });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    return new RepositoryDatabase(dataSource, async () => {
      await dataSource.destroy();
      await driver?.close();
      await fresh?.drop();
    });
  }

  repository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.dataSource.getRepository(entity);
  }

  /** One statement on the database, outside the repositories (to arrange and to check). */
  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }

  close(): Promise<void> {
    return this.cleanup();
  }
}
