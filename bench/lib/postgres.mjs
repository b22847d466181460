import pg from 'pg';
import { settings } from './settings.mjs';

/** The harness's Postgres: fresh databases per run, dropped after, and direct SQL for seeding and checks. */
export function databaseUrl(name) {
  const url = new URL(settings.databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const query = (url, sql, params = []) => withClient(url, (c) => c.query(sql, params));

export async function createDatabase(suffix) {
  const name = `${settings.dbPrefix}_${suffix}_${Date.now().toString(36)}`.toLowerCase();
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unusable database name ${name}`);
  await query(settings.databaseUrl, `CREATE DATABASE ${name}`);
  return { name, url: databaseUrl(name) };
}

export async function dropDatabase(db) {
  await query(settings.databaseUrl, `DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
}

/**
 * Bulk-inserts `n` live refresh tokens for `userId` with generate_series: outstanding_token (every other row
 * blacklisted) and, when the sessions schema exists, one auth_session and auth_session_token row per token.
 * Columns are read from the schema, not assumed. Returns the row count of every table it filled.
 */
export async function seedTokenRows(url, userId, n) {
  if (!Number.isInteger(userId) || !Number.isInteger(n)) throw new Error('seedTokenRows: integers expected');
  const expires = `now() + interval '1 day'`;
  const plan = [
    [
      'auth_session',
      { id: `'seed' || g`, user_id: `${userId}`, expires_at: expires, refresh_expires_at: expires },
    ],
    [
      'outstanding_token',
      {
        jti: `'seed-' || g`,
        user_id: `${userId}`,
        token_sha256: `encode(sha256(('seed-' || g)::bytea), 'hex')`,
        expires_at: expires,
        session_id: `'seed' || g`,
      },
    ],
    ['auth_session_token', { jti: `'seed-' || g`, session_id: `'seed' || g` }],
  ];
  const counts = {};
  for (const [table, values] of plan) {
    if (await insertSeries(url, table, values, n)) counts[table] = await count(url, table);
  }
  await query(
    url,
    `INSERT INTO blacklisted_token (token_id) SELECT id FROM outstanding_token WHERE jti LIKE 'seed-%' AND id % 2 = 0`,
  );
  counts.blacklisted_token = await count(url, 'blacklisted_token');
  await query(url, 'ANALYZE');
  return counts;
}

const count = async (url, table) =>
  Number((await query(url, `SELECT count(*)::bigint AS n FROM ${table}`)).rows[0].n);

/** INSERT … SELECT over generate_series(1, n); false (with a note) when the table is absent or needs more columns. */
async function insertSeries(url, table, values, n) {
  const { rows } = await query(
    url,
    `SELECT column_name, is_nullable, column_default, is_identity FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  if (rows.length === 0) return false;
  const present = new Set(rows.map((r) => r.column_name));
  const used = Object.keys(values).filter((c) => present.has(c));
  const missing = rows.filter(
    (r) =>
      r.is_nullable === 'NO' &&
      r.column_default === null &&
      r.is_identity !== 'YES' &&
      !used.includes(r.column_name),
  );
  if (missing.length > 0) {
    process.stderr.write(
      `bench: ${table} not seeded (no value for ${missing.map((r) => r.column_name).join(', ')})\n`,
    );
    return false;
  }
  await query(
    url,
    `INSERT INTO ${table} (${used.join(', ')}) SELECT ${used.map((c) => values[c]).join(', ')} FROM generate_series(1, ${n}) AS g`,
  );
  return true;
}
