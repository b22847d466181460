import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config/app.config';
import { DatabaseConfig } from '../config/database.config';
import { DataDirLock } from './data-dir-lock';
import { PgliteDriver } from './pglite.driver';

/**
 * The embedded PGlite database under DATA_DIR, when DATABASE_URL is unset. Holds the data-directory
 * lock for as long as it is open: a second process on the same directory is refused, naming us.
 */
@Injectable()
export class EmbeddedDatabase implements OnApplicationShutdown {
  private constructor(
    readonly driver: PgliteDriver | null,
    private readonly lock: DataDirLock | null,
  ) {}

  static async open(app: AppConfig, db: DatabaseConfig, owner: string): Promise<EmbeddedDatabase> {
    if (db.url) return new EmbeddedDatabase(null, null);
    const lock = DataDirLock.acquire(app.dataDir, owner);
    try {
      const driver = PgliteDriver.open(join(app.dataDir, 'pglite'));
      await driver.ready();
      new Logger('Database').log(`embedded PostgreSQL (PGlite) in ${app.dataDir}`);
      return new EmbeddedDatabase(driver, lock);
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.driver?.close();
    this.lock?.release();
  }
}
