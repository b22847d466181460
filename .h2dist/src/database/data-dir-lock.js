"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.DataDirLock = void 0;
const fs = __importStar(require("node:fs"));
const os = __importStar(require("node:os"));
const path = __importStar(require("node:path"));
const LOCK_FILE = 'bastion.lock';
/** Rounds of create / inspect / clear before giving up on a lock file that keeps changing under us. */
const MAX_ATTEMPTS = 5;
/**
 * One process per PGlite data directory. PGlite cannot share a directory: a second process opening it
 * silently loses writes. The holder is recorded in `DIR/bastion.lock`, created atomically (exclusive create);
 * a lock whose process is gone (same host, pid not running) is stale and taken over without a word.
 */
class DataDirLock {
    file;
    record;
    released = false;
    releaseOnExit = () => this.release();
    constructor(file, record) {
        this.file = file;
        this.record = record;
        process.on('exit', this.releaseOnExit);
    }
    /**
     * Takes the lock on `dir` (created if missing) for `owner`, e.g. 'server' or 'cli createuser'.
     * Throws, naming the holder, while another live process has it.
     */
    static acquire(dir, owner) {
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, LOCK_FILE);
        const holder = {
            pid: process.pid,
            owner,
            host: os.hostname(),
            startedAt: new Date().toISOString(),
        };
        const record = JSON.stringify(holder);
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (createExclusively(file, record))
                return new DataDirLock(file, record);
            const text = readIfPresent(file);
            if (text === undefined)
                continue; // released meanwhile: try again
            const current = parseHolder(text);
            if (current && isRunning(current))
                throw new Error(inUseMessage(dir, file, current));
            if (!current && attempt < 3) {
                pause(20); // an unreadable lock is most likely being written this very moment
                continue;
            }
            removeIfUnchanged(file, text);
        }
        throw new Error(`Could not lock data directory ${dir}: ${file} keeps changing. Is another process starting?`);
    }
    /** Removes the lock file if it is still ours (nobody took it over meanwhile). Safe to call twice. */
    release() {
        if (this.released)
            return;
        this.released = true;
        process.removeListener('exit', this.releaseOnExit);
        if (readIfPresent(this.file) === this.record)
            fs.rmSync(this.file, { force: true });
    }
}
exports.DataDirLock = DataDirLock;
/** Exclusive create: false when the file already exists. */
function createExclusively(file, record) {
    try {
        fs.writeFileSync(file, record, { flag: 'wx' });
        return true;
    }
    catch (err) {
        if (err.code === 'EEXIST')
            return false;
        throw err;
    }
}
function readIfPresent(file) {
    try {
        return fs.readFileSync(file, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    }
}
function parseHolder(text) {
    try {
        const parsed = JSON.parse(text);
        return Number.isInteger(parsed.pid)
            ? { owner: 'unknown', host: '?', startedAt: '?', ...parsed }
            : undefined;
    }
    catch {
        return undefined;
    }
}
/** Alive as far as we can tell: a pid on another host cannot be checked, so it counts as running. */
function isRunning(holder) {
    if (holder.host !== os.hostname())
        return true;
    try {
        process.kill(holder.pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM'; // exists, owned by another user
    }
}
function inUseMessage(dir, file, holder) {
    const where = holder.host === os.hostname() ? '' : ` on ${holder.host}`;
    return (`Data directory ${dir} is in use by ${holder.owner} (pid ${holder.pid}${where}, since ${holder.startedAt}). ` +
        `Stop it first, or set DATABASE_URL to use PostgreSQL. ` +
        `(If that process is really gone, delete ${file}.)`);
}
/**
 * Clears a stale lock atomically: it is renamed aside, and dropped only if it is still the content judged
 * stale. If a live process re-created the lock in between, its file is linked back (link never overwrites),
 * so of several processes racing for a stale lock, exactly one wins the exclusive create that follows.
 */
function removeIfUnchanged(file, staleText) {
    const aside = `${file}.${process.pid}.stale`;
    try {
        fs.renameSync(file, aside);
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return;
        throw err;
    }
    if (fs.readFileSync(aside, 'utf8') !== staleText) {
        try {
            fs.linkSync(aside, file);
        }
        catch {
            // a third process already holds the path; the live holder keeps running either way
        }
    }
    fs.rmSync(aside, { force: true });
}
/** A short synchronous wait: acquiring happens once at start-up, before anything else runs. */
function pause(ms) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
//# sourceMappingURL=data-dir-lock.js.map