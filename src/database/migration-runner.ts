import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseConfig } from '../config/database.config';

/** Any constant unique to Bastion: the advisory lock key that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 7_262_021_001;

/**
 * Runs pending migrations at start (MIGRATE_ON_START). On PostgreSQL the run holds a session advisory
 * lock, so instances starting together on one empty database take turns and all come up.
 */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly log = new Logger('Migrations');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.db.migrateOnStart) await this.run();
  }

  /** Applies pending migrations; returns their names. */
  async run(): Promise<string[]> {
    if (!this.db.url) return this.apply(); // embedded: one process per data directory already
    const lockRunner = this.dataSource.createQueryRunner();
    await lockRunner.connect();
    try {
      await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      return await this.apply();
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await lockRunner.release();
    }
  }

  async revert(): Promise<void> {
    await this.dataSource.undoLastMigration({ transaction: 'each' });
  }

  private async apply(): Promise<string[]> {
    const done = await this.dataSource.runMigrations({ transaction: 'each' });
    for (const m of done) this.log.log(`applied ${m.name}`);
    return done.map((m) => m.name);
  }
}
