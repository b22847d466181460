import { readFileSync } from 'node:fs';
import { UsageError } from './cli-args';
import { Command } from './command';

/** Commands for moving a Django simplejwt deployment over. */
export const DJANGO_COMMANDS: Record<string, Command> = {
  importusers: {
    summary: 'import Django users (manage.py dumpdata auth.user JSON, or a CSV of its columns), ids kept',
    positionals: [['FILE', 'the dumpdata JSON or the CSV file']],
    options: {
      format: {
        type: 'string',
        value: 'json|csv',
        help: 'the file format (default: csv for *.csv, else json)',
      },
    },
    notes: [
      'Records are upserted by id; a malformed one is reported as FILE:LINE and skipped (exit status 1).',
      'Shows a progress bar on a terminal, a line every 1000 records otherwise.',
    ],
    prepare(args) {
      const [file] = args.positional;
      const format = args.value('format') ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
      if (format !== 'json' && format !== 'csv') throw new UsageError('--format: json or csv');
      try {
        return Promise.resolve(args.with('format', format).with('text', readFileSync(file, 'utf8')));
      } catch (e) {
        throw new UsageError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    },
    async run(app, args, io) {
      const [file] = args.positional;
      const format = args.value('format') as 'json' | 'csv';
      const text = args.value('text')!;
      const { DjangoUserImporter } = await import('../users/django-import/django-user-importer');
      const { UnreadableFileError } = await import('../users/django-import/django-user-file');
      let report;
      let progress: ReturnType<typeof io.progress> | undefined;
      try {
        report = await app.get(DjangoUserImporter).import(text, format, (done, total) => {
          progress ??= io.progress('users', total);
          progress.update(done);
        });
      } catch (e) {
        if (e instanceof UnreadableFileError) throw new Error(`${file}: ${e.message}`, { cause: e });
        throw e;
      } finally {
        progress?.stop();
      }
      io.out(
        `Imported ${report.inserted + report.updated} users: ${report.inserted} new, ${report.updated} updated.`,
      );
      if (report.unverifiable > 0) {
        io.out(
          `${report.unverifiable} of them have a password hash Bastion cannot check: they must set a new password.`,
        );
      }
      for (const p of report.problems) io.out(`${file}:${p.line}: skipped: ${p.message}`);
      if (report.problems.length > 0)
        throw new Error(`${report.problems.length} record(s) skipped, see above`);
    },
  },
};
