"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EnvReader = void 0;
exports.parseDuration = parseDuration;
class EnvReader {
    env;
    errors = [];
    constructor(env) {
        this.env = env;
    }
    /** The raw value, `undefined` when unset or blank. */
    raw(name) {
        const v = this.env[name];
        return v === undefined || v.trim() === '' ? undefined : v;
    }
    string(name, fallback) {
        return this.raw(name)?.trim() ?? fallback;
    }
    fail(name, message) {
        this.errors.push(`${name}: ${message}`);
    }
    bool(name, fallback) {
        const v = this.raw(name)?.trim().toLowerCase();
        if (v === undefined)
            return fallback;
        if (['1', 'true', 'yes', 'on'].includes(v))
            return true;
        if (['0', 'false', 'no', 'off'].includes(v))
            return false;
        this.fail(name, `expected true or false, got "${this.raw(name)}"`);
        return fallback;
    }
    int(name, fallback, min, max) {
        const v = this.raw(name)?.trim();
        if (v === undefined)
            return fallback;
        if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
            this.fail(name, `expected an integer from ${min} to ${max}, got "${v}"`);
            return fallback;
        }
        return Number(v);
    }
    /** A duration in whole seconds: `300`, `300s`, `5m`, `2h`, `1d` (also `1w`). */
    duration(name, fallback, min = 1) {
        const v = this.raw(name)?.trim() ?? fallback;
        const seconds = parseDuration(v);
        if (seconds === undefined || seconds < min) {
            this.fail(name, `expected a duration of at least ${min}s like 300, 300s, 5m, 1h or 1d, got "${v}"`);
            return parseDuration(fallback) ?? min;
        }
        return seconds;
    }
    oneOf(name, allowed, fallback) {
        const v = this.raw(name)?.trim();
        if (v === undefined)
            return fallback;
        if (!allowed.includes(v)) {
            this.fail(name, `expected one of ${allowed.join(', ')}, got "${v}"`);
            return fallback;
        }
        return v;
    }
    /** A comma-separated list, blanks dropped. */
    list(name, fallback) {
        const v = this.raw(name);
        if (v === undefined)
            return fallback;
        return v
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '');
    }
}
exports.EnvReader = EnvReader;
const UNIT_SECONDS = { '': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
/** Parses `300`, `300s`, `5m`, `1h`, `1d`, `1w` into seconds; `undefined` when malformed. */
function parseDuration(text) {
    const m = /^(\d{1,9})\s*([smhdw]?)$/i.exec(text.trim());
    if (!m)
        return undefined;
    return Number(m[1]) * UNIT_SECONDS[m[2].toLowerCase()];
}
//# sourceMappingURL=env.parsers.js.map