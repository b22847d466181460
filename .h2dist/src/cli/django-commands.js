"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DJANGO_COMMANDS = void 0;
const node_fs_1 = require("node:fs");
const django_user_importer_1 = require("../users/django-import/django-user-importer");
const django_user_file_1 = require("../users/django-import/django-user-file");
const cli_args_1 = require("./cli-args");
/** Commands for moving a Django simplejwt deployment over. */
exports.DJANGO_COMMANDS = {
    importusers: {
        usage: 'importusers FILE [--format json|csv]   (manage.py dumpdata auth.user output, or a CSV of its columns)',
        valued: ['format'],
        async run(app, args, io) {
            args.only('format');
            if (args.positional.length !== 1)
                throw new cli_args_1.UsageError('expected one FILE');
            const file = args.positional[0];
            const format = args.value('format') ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'json');
            if (format !== 'json' && format !== 'csv')
                throw new cli_args_1.UsageError('--format: json or csv');
            let text;
            try {
                text = (0, node_fs_1.readFileSync)(file, 'utf8');
            }
            catch (e) {
                throw new cli_args_1.UsageError(`cannot read ${file} (${e.code ?? 'error'})`);
            }
            let report;
            try {
                report = await app.get(django_user_importer_1.DjangoUserImporter).import(text, format);
            }
            catch (e) {
                if (e instanceof django_user_file_1.UnreadableFileError)
                    throw new Error(`${file}: ${e.message}`, { cause: e });
                throw e;
            }
            io.out(`Imported ${report.inserted + report.updated} users: ${report.inserted} new, ${report.updated} updated.`);
            if (report.unverifiable > 0) {
                io.out(`${report.unverifiable} of them have a password hash Bastion cannot check: they must set a new password.`);
            }
            for (const p of report.problems)
                io.out(`${file}:${p.line}: skipped: ${p.message}`);
            if (report.problems.length > 0)
                throw new Error(`${report.problems.length} record(s) skipped, see above`);
        },
    },
};
//# sourceMappingURL=django-commands.js.map