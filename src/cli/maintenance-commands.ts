import { UsageError } from './cli-args';
import { Command } from './command';

/** Database upkeep: expired tokens and old rows, migrations. */
export const MAINTENANCE_COMMANDS: Record<string, Command> = {
  flushexpiredtokens: {
    summary: 'delete expired tokens, then ended sessions and security events past AUDIT_RETENTION',
    options: {
      'batch-size': {
        type: 'string',
        value: 'N',
        help: 'rows deleted per statement, 1 to 100000 (default 5000)',
      },
    },
    notes: ['Shows a progress bar on a terminal, a line per batch otherwise.'],
    prepare(args) {
      const size = Number(args.value('batch-size') ?? 5000);
      if (!Number.isInteger(size) || size < 1 || size > 100_000) {
        throw new UsageError('--batch-size: 1 to 100000');
      }
      return Promise.resolve(args);
    },
    async run(app, args, io) {
      const size = Number(args.value('batch-size') ?? 5000);
      const { SessionFlushService } = await import('../sessions/session-flush.service');
      const { HousekeepingService } = await import('../housekeeping/housekeeping.service');
      const total = await app.get(SessionFlushService).countExpiredTokens();
      io.out(`${total} expired tokens to delete.`);
      const progress = io.progress('expired tokens', total);
      const r = await app.get(HousekeepingService).flush(size, (n) => progress.update(n));
      progress.stop();
      io.out(`Deleted ${r.tokens} expired tokens.`);
      io.out(`Deleted ${r.sessions} ended sessions and ${r.events} security events past AUDIT_RETENTION.`);
    },
  },
  migrate: {
    summary: 'apply pending migrations, or undo the last one',
    options: { revert: { type: 'boolean', help: 'undo the last applied migration instead' } },
    managesMigrations: true,
    async run(app, args, io) {
      const { MigrationRunner } = await import('../database/migration-runner');
      const runner = app.get(MigrationRunner);
      if (args.flag('revert')) {
        await runner.revert();
        io.out('Reverted the last migration.');
        return;
      }
      const applied = await runner.run();
      io.out(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
    },
  },
};
