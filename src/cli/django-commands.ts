import { readFileSync } from 'node:fs';
import { UsageError } from './cli-args';
import { CliIo, Command } from './command';

/** Runs `work` with a progress bar that appears on its first step and is ended whatever happens. */
async function withProgress<T>(
  io: CliIo,
  label: string,
  work: (step: (done: number, total: number) => void) => Promise<T>,
): Promise<T> {
  let progress: ReturnType<CliIo['progress']> | undefined;
  try {
    return await work((done, total) => {
      progress ??= io.progress(label, total);
      progress.update(done);
    });
  } finally {
    progress?.stop();
  }
}

/** Commands for moving a Django simplejwt deployment over. */
export const DJANGO_COMMANDS: Record<string, Command> = {
  importusers: {
    summary:
      'import Django users, groups and permissions (manage.py dumpdata auth JSON, or a CSV of the user columns), ids kept',
    positionals: [['FILE', 'the dumpdata JSON (auth, or auth.user) or the CSV file']],
    options: {
      format: {
        type: 'string',
        value: 'json|csv',
        help: 'the file format (default: csv for *.csv, else json)',
      },
    },
    notes: [
      'Records are upserted by id; a malformed one is reported as FILE:LINE and skipped (exit status 1).',
      'Permissions are matched by app_label.codename (missing ones created), groups by name; an imported',
      "user's groups and user_permissions, when the file has them, replace theirs. Re-running changes nothing.",
      'Plain or --natural-foreign dumps; a plain dump needs contenttypes.contenttype for content_type pks.',
      'django-otp: otp_totp.totpdevice rows become TOTP factors (users keep their apps), otp_static tokens',
      "recovery codes (dumpdata auth otp_totp otp_static); an imported user's factors replace theirs.",
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
      const { DjangoAccessImporter } = await import('../permissions/django-access-importer');
      let report;
      try {
        report = await withProgress(io, 'users', (step) =>
          app.get(DjangoUserImporter).import(text, format, step),
        );
      } catch (e) {
        if (e instanceof UnreadableFileError) throw new Error(`${file}: ${e.message}`, { cause: e });
        throw e;
      }
      const { isOtpEntry, DjangoOtpImporter } = await import('../mfa/django-otp-importer');
      const { links } = report;
      const others = report.others.filter((e) => !isOtpEntry(e));
      const otp = await app.get(DjangoOtpImporter).import(report.others.filter(isOtpEntry));
      const access = await withProgress(io, 'groups and permissions of users', (step) =>
        app.get(DjangoAccessImporter).import(others, links, step),
      );
      io.out(
        `Imported ${report.inserted + report.updated} users: ${report.inserted} new, ${report.updated} updated.`,
      );
      if (report.unverifiable > 0) {
        io.out(
          `${report.unverifiable} of them have a password hash Bastion cannot check: they must set a new password.`,
        );
      }
      if (others.length > 0 || access.users > 0) {
        io.out(
          `Imported ${access.permissions} permission(s) (${access.newPermissions} new), ` +
            `${access.groups} group(s) (${access.newGroups} new, ${access.changedGroups} changed), ` +
            `${access.memberships} group membership(s) and ${access.userPermissions} user permission(s) ` +
            `of ${access.users} user(s) (${access.changedUsers} changed).`,
        );
      }
      if (otp.users > 0) {
        io.out(
          `Imported ${otp.devices} django-otp TOTP device(s) and ${otp.staticTokens} static token(s) ` +
            `(as recovery codes) of ${otp.users} user(s).`,
        );
      }
      const problems = [...report.problems, ...access.problems, ...otp.problems].sort(
        (a, b) => a.line - b.line,
      );
      for (const p of problems) io.out(`${file}:${p.line}: skipped: ${p.message}`);
      if (problems.length > 0) throw new Error(`${problems.length} record(s) skipped, see above`);
    },
  },
};
