import { loadConfiguration } from './configuration';
import { Env, EnvReader, SettingRead } from './env.parsers';
import { SETTING_DESCRIPTIONS, SETTING_SECTIONS, SettingSection } from './setting-descriptions';

/** One setting as the reference shows it: what the code reads, joined with what it means. */
export interface SettingEntry {
  name: string;
  section: SettingSection;
  description: string;
  /** The default as text (`unset` when there is none), development's and production's. */
  development: string;
  production: string;
  accepts: string;
  secret: boolean;
}

/** Every setting the configuration reads, and every description, split by whether they match. */
export interface SettingsCatalog {
  entries: SettingEntry[];
  /** Read by the code but not in SETTING_DESCRIPTIONS. */
  undescribed: string[];
  /** In SETTING_DESCRIPTIONS but read by nothing. */
  unread: string[];
}

/** Every setting the configuration reads from `env`, with what its reader learnt (errors ignored). */
export function readSettings(env: Env): Map<string, SettingRead> {
  const r = new EnvReader(env);
  try {
    loadConfiguration(env, r);
  } catch {
    // A production configuration without a key is invalid; what was read is still known.
  }
  return r.reads;
}

export function settingsCatalog(): SettingsCatalog {
  const development = readSettings({});
  const production = readSettings({ NODE_ENV: 'production' });
  const undescribed: string[] = [];
  const entries: SettingEntry[] = [];
  for (const [name, read] of development) {
    const described = Object.hasOwn(SETTING_DESCRIPTIONS, name) ? SETTING_DESCRIPTIONS[name] : undefined;
    if (described === undefined) {
      undescribed.push(name);
      continue;
    }
    const fixed = described.default;
    entries.push({
      name,
      section: described.section,
      description: described.description,
      development: fixed ?? defaultText(read),
      production: fixed ?? defaultText(production.get(name) ?? read),
      accepts: accepts(read),
      secret: described.secret === true,
    });
  }
  const sections = Object.keys(SETTING_SECTIONS);
  entries.sort((a, b) => sections.indexOf(a.section) - sections.indexOf(b.section));
  const unread = Object.keys(SETTING_DESCRIPTIONS).filter((name) => !development.has(name));
  return { entries, undescribed, unread };
}

const defaultText = (read: SettingRead): string => (read.fallback === undefined ? 'unset' : read.fallback);

function accepts(read: SettingRead): string {
  switch (read.kind) {
    case 'boolean':
      return 'true or false';
    case 'integer':
      return `integer, ${read.min} to ${read.max}`;
    case 'duration':
      return `duration, at least ${read.min}s`;
    case 'choice':
      return `one of ${(read.allowed ?? []).join(', ')}`;
    case 'list':
      return 'comma-separated list';
    default:
      return 'text';
  }
}

/** The value `settings` prints: secrets masked (of a URL only its password), unset shown as such. */
export function displayValue(entry: Pick<SettingEntry, 'secret'>, value: string | undefined): string {
  if (value === undefined) return '(unset)';
  if (!entry.secret) return value;
  try {
    const url = new URL(value);
    if (url.protocol !== 'file:' && url.host !== '') {
      if (url.password !== '') url.password = '****';
      return url.toString();
    }
  } catch {
    // Not a URL: masked whole.
  }
  return '****';
}

/** `settings`: every described setting with its effective value and where it came from. */
export function effectiveSettings(env: Env): string[] {
  const reads = readSettings(env);
  const { entries } = settingsCatalog();
  const width = Math.max(...entries.map((e) => e.name.length));
  return entries.map((e) => {
    const read = reads.get(e.name);
    const given = read?.given;
    const value = displayValue(e, given ?? read?.fallback);
    return `${e.name.padEnd(width)}  ${value}${given === undefined ? '  (default)' : ''}`;
  });
}
