import { readFileSync } from 'node:fs';
import { DjangoUserImporter } from '../users/django-import/django-user-importer';
import { UnreadableFileError } from '../users/django-import/django-user-file';
import { UsageError } from './cli-args';
import { Command } from './commands';

/** Commands for moving a Django simplejwt deployment over. */
export const DJANGO_COMMANDS: Record<string, Command> = {
  importusers: {
    usage:
      'importusers FILE [--format json|csv]   (manage.py dumpdata auth.user output, or a CSV of its columns)',
    valued: ['format'],
    async run(app, args, io) {
      args.only('format');
      if (args.positional.length !== 1) throw new UsageError('expected one FILE');
      const file = args.positional[0];
      const format = args.value('format') ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
      if (format !== 'json' && format !== 'csv') throw new UsageError('--format: json or csv');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      let report;
      try {
        report = await app.get(DjangoUserImporter).import(text, format);
      } catch (e) {
        if (e instanceof UnreadableFileError) throw new Error(`${file}: ${e.message}`, { cause: e });
        throw e;
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
