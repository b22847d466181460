import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Column, DataSource, Entity, PrimaryColumn, QueryFailedError } from 'typeorm';
import { DataDirLock } from '../src/database/data-dir-lock';
import { PgliteDriver } from '../src/database/pglite.driver';
import { preparedDataDir } from './utils/embedded-db';

@Entity('item')
class ItemEntity {
  @PrimaryColumn()
  name: string;

  @Column({ default: 0 })
  hits: number;
}

/** Yields to the event loop long enough for every other pending transaction to take its next step. */
const interleave = (ms = 5): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function embeddedDataSource(driver: PgliteDriver, extra: { connectTimeoutMS?: number } = {}): DataSource {
  return new DataSource({ type: 'postgres', driver: driver.pg, entities: [ItemEntity], ...extra });
}

describe('embedded PGlite driver under TypeORM', () => {
  let driver: PgliteDriver;
  let dataSource: DataSource;

  beforeAll(async () => {
    driver = PgliteDriver.open(undefined);
    await driver.ready();
    dataSource = await embeddedDataSource(driver).initialize();
    // Several statements and no parameters, as a migration sends them.
    await dataSource.query(`
      CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL);
      CREATE TABLE item (name text PRIMARY KEY, hits int NOT NULL DEFAULT 0);
    `);
  });

  beforeEach(async () => {
    await dataSource.query('DELETE FROM item; DELETE FROM counter; INSERT INTO counter VALUES (1, 0);');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await driver?.close();
  });

  it('serializes concurrent read-modify-write transactions: no lost update', async () => {
    const increment = () =>
      dataSource.transaction(async (manager) => {
        const [row] = await manager.query<{ value: number }[]>(
          'SELECT value FROM counter WHERE id = $1',
          [1],
        );
        await interleave();
        await manager.query('UPDATE counter SET value = $1 WHERE id = $2', [row.value + 1, 1]);
      });

    await Promise.all(Array.from({ length: 10 }, increment));

    await expect(dataSource.query('SELECT value FROM counter WHERE id = 1')).resolves.toEqual([
      { value: 10 },
    ]);
  });

  it("keeps a committed transaction's rows when a concurrent one rolls back", async () => {
    const failing = dataSource.transaction(async (manager) => {
      await manager.insert(ItemEntity, { name: 'rolled-back' });
      await interleave(30);
      throw new Error('boom');
    });
    const committing = dataSource.transaction(async (manager) => {
      await interleave();
      await manager.insert(ItemEntity, { name: 'committed' });
      await interleave(40);
    });

    await expect(failing).rejects.toThrow('boom');
    await expect(committing).resolves.toBeUndefined();
    await expect(dataSource.query('SELECT name FROM item ORDER BY name')).resolves.toEqual([
      { name: 'committed' },
    ]);
  });

  it('rolls back a transaction its runner released without ending it', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query('INSERT INTO item (name) VALUES ($1)', ['abandoned']);
    await runner.release(); // neither COMMIT nor ROLLBACK

    await expect(dataSource.query('SELECT name FROM item')).resolves.toEqual([]);
    await dataSource.transaction((manager) => manager.insert(ItemEntity, { name: 'next' }));
    await expect(dataSource.query('SELECT name FROM item')).resolves.toEqual([{ name: 'next' }]);
  });

  it('rolls back for the next holder when a client is released with an error', async () => {
    const pool = new driver.pg.Pool();
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO item (name) VALUES ($1)', ['crashed']);
    await expect(client.query('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
    client.release(new Error('runner crashed'));
    await pool.end();

    await expect(dataSource.query('SELECT name FROM item')).resolves.toEqual([]);
  });

  it("surfaces a unique violation as QueryFailedError carrying the driver's SQLSTATE", async () => {
    await dataSource.getRepository(ItemEntity).insert({ name: 'dup' });

    const again = dataSource.getRepository(ItemEntity).insert({ name: 'dup' });

    await expect(again).rejects.toBeInstanceOf(QueryFailedError);
    await expect(again).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'item_pkey' } });
  });

  it('reports how many rows an UPDATE and a DELETE affected', async () => {
    const items = dataSource.getRepository(ItemEntity);
    await items.insert([{ name: 'a' }, { name: 'b' }, { name: 'c', hits: 5 }]);

    await expect(items.update({ hits: 0 }, { hits: 1 })).resolves.toMatchObject({ affected: 2 });
    await expect(items.update({ name: 'missing' }, { hits: 1 })).resolves.toMatchObject({ affected: 0 });
    await expect(items.delete({ hits: 1 })).resolves.toMatchObject({ affected: 2 });
  });

  it('returns values typed as the pg driver types them', async () => {
    const [row] = await dataSource.query<Record<string, unknown>[]>(
      `SELECT 9007199254740993::int8 AS big, true AS yes, $1::timestamptz AS at,
              '{"a":[1]}'::jsonb AS doc, ARRAY[1,2,3]::int[] AS ints`,
      [new Date('2026-01-02T03:04:05.678Z')],
    );

    expect(row).toEqual({
      big: '9007199254740993',
      yes: true,
      at: new Date('2026-01-02T03:04:05.678Z'),
      doc: { a: [1] },
      ints: [1, 2, 3],
    });
  });

  it("times a waiter out with pg-pool's message while the session is held", async () => {
    const impatient = await embeddedDataSource(driver, { connectTimeoutMS: 50 }).initialize();
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    try {
      await expect(impatient.query('SELECT 1')).rejects.toThrow('timeout exceeded when trying to connect');
    } finally {
      await holder.release();
      await impatient.destroy();
    }
  });
});

describe('embedded PGlite on a prepared data directory', () => {
  it('opens a copy of the template and keeps what was written across a restart', async () => {
    const dir = await preparedDataDir();
    const first = PgliteDriver.open(dir);
    const source = await embeddedDataSource(first).initialize();
    await source.query('CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$yes$$);');
    await source.destroy();
    await first.close();

    const second = PgliteDriver.open(dir);
    const reopened = await embeddedDataSource(second).initialize();
    try {
      await expect(reopened.query('SELECT v FROM kept')).resolves.toEqual([{ v: 'yes' }]);
    } finally {
      await reopened.destroy();
      await second.close();
    }
  });
});

describe('DataDirLock', () => {
  let dir: string;

  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bastion-lock-')), 'data');
  });

  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('creates the directory and records the holder', () => {
    const lock = DataDirLock.acquire(dir, 'server');
    try {
      const record = JSON.parse(fs.readFileSync(path.join(dir, 'bastion.lock'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(record).toMatchObject({ pid: process.pid, owner: 'server', host: os.hostname() });
      expect(Date.parse(record.startedAt as string)).not.toBeNaN();
    } finally {
      lock.release();
    }
  });

  it('refuses a second holder and names the first', () => {
    const lock = DataDirLock.acquire(dir, 'server');
    try {
      expect(() => DataDirLock.acquire(dir, 'cli createuser')).toThrow(
        `Data directory ${dir} is in use by server (pid ${process.pid}, since `,
      );
    } finally {
      lock.release();
    }
  });

  it('can be acquired again after release, which removes the file', () => {
    DataDirLock.acquire(dir, 'server').release();
    expect(fs.existsSync(path.join(dir, 'bastion.lock'))).toBe(false);

    const again = DataDirLock.acquire(dir, 'cli createuser');
    again.release();
  });

  it('takes over a lock whose process is gone', () => {
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    fs.mkdirSync(dir, { recursive: true });
    const stale = {
      pid: deadPid,
      owner: 'server',
      host: os.hostname(),
      startedAt: '2020-01-01T00:00:00.000Z',
    };
    fs.writeFileSync(path.join(dir, 'bastion.lock'), JSON.stringify(stale));

    const lock = DataDirLock.acquire(dir, 'server');
    try {
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'bastion.lock'), 'utf8'))).toMatchObject({
        pid: process.pid,
      });
    } finally {
      lock.release();
    }
  });

  it('leaves alone a lock file that is no longer its own', () => {
    const lock = DataDirLock.acquire(dir, 'server');
    const other = {
      pid: process.pid,
      owner: 'cli migrate',
      host: os.hostname(),
      startedAt: new Date().toISOString(),
    };
    fs.writeFileSync(path.join(dir, 'bastion.lock'), JSON.stringify(other));

    lock.release();

    expect(JSON.parse(fs.readFileSync(path.join(dir, 'bastion.lock'), 'utf8'))).toMatchObject({
      owner: 'cli migrate',
    });
  });
});
