import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * A brand-new, empty PostgreSQL database on the server TEST_DATABASE_URL points at, for tests that need
 * an empty schema (two instances migrating together) or their own tables. Drop it when done.
 */
export class FreshDatabase {
  private constructor(
    readonly url: string,
    private readonly adminUrl: string,
    readonly name: string,
  ) {}

  static async create(baseUrl: string, label: string): Promise<FreshDatabase> {
    // named after the base database, so it stays in the same namespace (e.g. bastion_ci_…_cli_1a2b3c4d)
    const base = decodeURIComponent(new URL(baseUrl).pathname.slice(1)).replace(/[^A-Za-z0-9_]/g, '_');
    const name = `${base.slice(0, 40)}_${label}_${randomBytes(4).toString('hex')}`;
    const admin = new URL(baseUrl);
    admin.pathname = '/postgres';
    await withClient(admin.toString(), (c) => c.query(`CREATE DATABASE "${name}"`));
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return new FreshDatabase(url.toString(), admin.toString(), name);
  }

  /** Runs one statement on the fresh database. */
  query<T extends object = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return withClient(this.url, async (c) => (await c.query(sql, params)).rows as T[]);
  }

  async drop(): Promise<void> {
    await withClient(this.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`));
  }
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
