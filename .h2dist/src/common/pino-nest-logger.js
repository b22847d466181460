"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PinoNestLogger = void 0;
/** Nest's logger writing to the same pino instance as Fastify's request logs: one JSON stream. */
class PinoNestLogger {
    pino;
    constructor(pino) {
        this.pino = pino;
    }
    log(message, ...rest) {
        this.write('info', message, rest);
    }
    error(message, ...rest) {
        this.write('error', message, rest);
    }
    warn(message, ...rest) {
        this.write('warn', message, rest);
    }
    debug(message, ...rest) {
        this.write('debug', message, rest);
    }
    verbose(message, ...rest) {
        this.write('trace', message, rest);
    }
    fatal(message, ...rest) {
        this.write('fatal', message, rest);
    }
    /** Nest passes `(message, [stack], context)`; objects are merged into the log line. */
    write(level, message, rest) {
        const context = typeof rest[rest.length - 1] === 'string' ? rest[rest.length - 1] : undefined;
        const stack = level === 'error' && rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
        if (message !== null && typeof message === 'object') {
            this.pino[level]({ context, stack, ...message });
        }
        else {
            this.pino[level]({ context, stack }, String(message));
        }
    }
}
exports.PinoNestLogger = PinoNestLogger;
//# sourceMappingURL=pino-nest-logger.js.map