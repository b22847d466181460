"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UsageError = exports.CliArgs = void 0;
/** A command line: positional arguments and `--flag` / `--option value` pairs. */
class CliArgs {
    positional = [];
    options = new Map();
    constructor(argv, valued) {
        for (let i = 0; i < argv.length; i += 1) {
            const a = argv[i];
            if (!a.startsWith('--') || a === '--') {
                this.positional.push(a);
                continue;
            }
            const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
            if (!valued.includes(name))
                this.options.set(name, true);
            else if (inline !== undefined)
                this.options.set(name, inline);
            else if (i + 1 < argv.length)
                this.options.set(name, argv[(i += 1)]);
            else
                throw new UsageError(`--${name} needs a value`);
        }
    }
    flag(name) {
        return this.options.get(name) === true;
    }
    value(name) {
        const v = this.options.get(name);
        return typeof v === 'string' ? v : undefined;
    }
    /** Refuses options the command does not know. */
    only(...known) {
        for (const name of this.options.keys()) {
            if (!known.includes(name))
                throw new UsageError(`unknown option --${name}`);
        }
        return this;
    }
}
exports.CliArgs = CliArgs;
/** Bad arguments: the message is printed with the usage, exit status 2. */
class UsageError extends Error {
}
exports.UsageError = UsageError;
//# sourceMappingURL=cli-args.js.map