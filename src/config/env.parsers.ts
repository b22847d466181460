/**
 * Small typed readers for environment variables. Each returns the parsed value or records an error
 * naming the variable, so validation can report every bad variable in one message.
 */
export type Env = Record<string, string | undefined>;

/** What a reader learnt about a setting from the call that read it: its kind, default and bounds. */
export interface SettingRead {
  name: string;
  kind: 'text' | 'boolean' | 'integer' | 'duration' | 'choice' | 'list';
  /** The default as a setting would be written (`5m`, `true`, `a,b`); undefined: unset by default. */
  fallback?: string;
  min?: number;
  max?: number;
  allowed?: readonly string[];
  /** The value given in the environment, undefined when unset or blank. */
  given?: string;
}

export class EnvReader {
  readonly errors: string[] = [];
  /** Every setting read so far, in reading order (the settings reference is generated from them). */
  readonly reads = new Map<string, SettingRead>();

  constructor(private readonly env: Env) {}

  /** The raw value, `undefined` when unset or blank. */
  raw(name: string): string | undefined {
    if (!this.reads.has(name)) this.note({ name, kind: 'text' });
    return this.value(name);
  }

  string(name: string, fallback: string): string;
  string(name: string, fallback?: string): string | undefined;
  string(name: string, fallback?: string): string | undefined {
    this.note({ name, kind: 'text', fallback });
    return this.value(name)?.trim() ?? fallback;
  }

  fail(name: string, message: string): void {
    this.errors.push(`${name}: ${message}`);
  }

  bool(name: string, fallback: boolean): boolean {
    this.note({ name, kind: 'boolean', fallback: String(fallback) });
    const v = this.value(name)?.trim().toLowerCase();
    if (v === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    this.fail(name, `expected true or false, got "${this.value(name)}"`);
    return fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    this.note({ name, kind: 'integer', fallback: String(fallback), min, max });
    const v = this.value(name)?.trim();
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      this.fail(name, `expected an integer from ${min} to ${max}, got "${v}"`);
      return fallback;
    }
    return Number(v);
  }

  /** A duration in whole seconds: `300`, `300s`, `5m`, `2h`, `1d` (also `1w`). */
  duration(name: string, fallback: string, min = 1): number {
    this.note({ name, kind: 'duration', fallback, min });
    const v = this.value(name)?.trim() ?? fallback;
    const seconds = parseDuration(v);
    if (seconds === undefined || seconds < min) {
      this.fail(name, `expected a duration of at least ${min}s like 300, 300s, 5m, 1h or 1d, got "${v}"`);
      return parseDuration(fallback) ?? min;
    }
    return seconds;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    this.note({ name, kind: 'choice', fallback, allowed });
    const v = this.value(name)?.trim();
    if (v === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      this.fail(name, `expected one of ${allowed.join(', ')}, got "${v}"`);
      return fallback;
    }
    return v as T;
  }

  /** A comma-separated list, blanks dropped. */
  list(name: string, fallback: string[]): string[] {
    this.note({ name, kind: 'list', fallback: fallback.length > 0 ? fallback.join(',') : undefined });
    const v = this.value(name);
    if (v === undefined) return fallback;
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }

  private value(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? undefined : v;
  }

  /** A typed read replaces what a bare `raw` read noted; the first typed read of a name wins. */
  private note(read: SettingRead): void {
    const known = this.reads.get(read.name);
    if (known !== undefined && (known.kind !== 'text' || known.fallback !== undefined)) return;
    this.reads.set(read.name, { ...read, given: this.value(read.name) });
  }
}

const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parses `300`, `300s`, `5m`, `1h`, `1d`, `1w` into seconds; `undefined` when malformed. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,9})\s*([smhdw]?)$/i.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * UNIT_SECONDS[m[2].toLowerCase()];
}
