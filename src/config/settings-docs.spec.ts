import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_FILES } from './settings-docs';
import { displayValue, effectiveSettings, settingsCatalog } from './settings-reference';

const ROOT = join(__dirname, '..', '..');
const SETTING_LINE = /^(?:\| `|# )([A-Z][A-Z0-9_]+)(?:` \||=)/;

/** Each setting's own lines of a generated file (its table row, or its comment and line), by name. */
function blocks(text: string): Map<string, string> {
  const found = new Map<string, string>();
  let pending: string[] = [];
  for (const line of text.split('\n')) {
    const name = SETTING_LINE.exec(line)?.[1];
    if (name !== undefined) {
      found.set(name, [...pending, line].join('\n'));
      pending = [];
    } else pending = line.startsWith('# ') && !line.startsWith('# ---') ? [...pending, line] : [];
  }
  return found;
}

/** What differs between the file and what `npm run docs` writes, naming each setting. */
function drift(file: string, expected: string, actual: string): string[] {
  const want = blocks(expected);
  const have = blocks(actual);
  const problems = [...want.keys()]
    .filter((name) => want.get(name) !== have.get(name))
    .map((name) => `${file}: ${name} is ${have.has(name) ? 'out of date' : 'missing'}`);
  for (const name of have.keys()) if (!want.has(name)) problems.push(`${file}: ${name} is no setting`);
  if (problems.length === 0 && expected !== actual)
    problems.push(`${file}: its text around the settings differs`);
  return problems.map((p) => `${p} (run npm run docs)`);
}

describe('the settings reference', () => {
  const catalog = settingsCatalog();

  it('describes every setting the configuration reads, and nothing else', () => {
    expect(catalog.undescribed.map((n) => `${n}: add it to src/config/setting-descriptions.ts`)).toEqual([]);
    expect(catalog.unread.map((n) => `${n}: described, but no code reads it`)).toEqual([]);
  });

  it.each(Object.entries(GENERATED_FILES))('%s is what npm run docs writes', (file, render) => {
    const actual = readFileSync(join(ROOT, file), 'utf8');
    expect(drift(file, render(catalog.entries), actual)).toEqual([]);
  });

  it('names a stale setting of a generated file', () => {
    const [file, render] = Object.entries(GENERATED_FILES)[0];
    const text = render(catalog.entries);
    const stale = text.replace('| `PORT` | `3000` |', '| `PORT` | `8080` |');
    expect(drift(file, text, stale)).toEqual([`${file}: PORT is out of date (run npm run docs)`]);
  });

  it('shows development and production defaults where they differ', () => {
    const login = catalog.entries.find((e) => e.name === 'THROTTLE_LOGIN');
    expect(login).toMatchObject({ development: '60/1m', production: '10/1m' });
  });

  it('masks secrets: a key whole, a URL only its password', () => {
    const lines = effectiveSettings({
      JWT_SIGNING_KEY: 'k'.repeat(48),
      DATABASE_URL: 'postgres://bastion:hunter2hunter2@db:5432/bastion',
      PORT: '4000',
    });
    const text = lines.join('\n');
    expect(text).not.toContain('kkkk');
    expect(text).not.toContain('hunter2');
    expect(text).toMatch(/^DATABASE_URL +postgres:\/\/bastion:\*\*\*\*@db:5432\/bastion$/m);
    expect(text).toMatch(/^JWT_SIGNING_KEY +\*\*\*\*$/m);
    expect(text).toMatch(/^PORT +4000$/m);
    expect(text).toMatch(/^HOST +127\.0\.0\.1 +\(default\)$/m);
    expect(displayValue({ secret: true }, undefined)).toBe('(unset)');
  });
});
