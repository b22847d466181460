import { readFileSync } from 'node:fs';
import { GatewayConfig, GatewayRequirement, GatewayRule } from './gateway.config';
import { EnvReader } from './env.parsers';

const METHOD = /^[A-Z]{1,20}$/;
const PERMISSION = /^[A-Za-z0-9_-]{1,100}\.[A-Za-z0-9_-]{1,100}$/;
/** A path segment of a pattern: `*`, `**`, or plain characters (no `*` inside, no percent-encoding: rules match decoded paths). */
const SEGMENT = /^(\*\*?|[A-Za-z0-9._~!$&'()+,;=:@-]+)$/;
const KEYWORDS = new Set(['public', 'authenticated', 'staff', 'deny']);

/**
 * GATEWAY_RULES (inline, rules separated by `;` or new lines) and GATEWAY_RULES_FILE (a file, one rule
 * per line, `#` comments): the inline rules come first. Every bad rule is reported, naming it.
 */
export function readGatewaySettings(r: EnvReader): GatewayConfig {
  const rules: GatewayRule[] = [];
  const inline = r.raw('GATEWAY_RULES');
  if (inline !== undefined) rules.push(...parseRules(r, 'GATEWAY_RULES', inline.split(/[;\n]/)));
  const file = r.string('GATEWAY_RULES_FILE');
  if (file !== undefined) {
    try {
      rules.push(...parseRules(r, 'GATEWAY_RULES_FILE', readFileSync(file, 'utf8').split('\n')));
    } catch (e) {
      r.fail('GATEWAY_RULES_FILE', `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return { rules };
}

function parseRules(r: EnvReader, name: string, lines: string[]): GatewayRule[] {
  const rules: GatewayRule[] = [];
  for (const line of lines) {
    const text = line.replace(/#.*$/, '').trim();
    if (text === '') continue;
    const rule = parseRule(text);
    if (typeof rule === 'string') r.fail(name, `rule "${text}": ${rule}`);
    else rules.push(rule);
  }
  return rules;
}

/** One rule, or why it is refused. */
export function parseRule(text: string): GatewayRule | string {
  const parts = text.split(/\s+/);
  if (parts.length < 3) return 'expected METHODS PATH REQUIREMENT, e.g. "GET /orders/** orders.view_order"';
  const [methodText, pattern, ...needs] = parts;
  let methods: Set<string> | null = null;
  if (methodText !== '*') {
    const list = methodText.split(',');
    const bad = list.filter((m) => !METHOD.test(m));
    if (bad.length > 0) return `"${bad.join(',')}" is not an upper-case HTTP method (or * for any)`;
    methods = new Set(list);
  }
  if (!pattern.startsWith('/')) return `the path "${pattern}" must start with /`;
  const segments = pattern.slice(1).split('/');
  const badSegment = segments.find((s, i) => !SEGMENT.test(s) && !(s === '' && i === segments.length - 1));
  if (badSegment !== undefined || segments.some((s) => s === '.' || s === '..'))
    return `the path "${pattern}" may hold only plain segments, * (one segment) and ** (any number)`;
  const requirement = parseRequirement(needs);
  if (typeof requirement === 'string') return requirement;
  return { text, methods, pattern, requirement };
}

function parseRequirement(words: string[]): GatewayRequirement | string {
  const first = words[0].toLowerCase();
  if (KEYWORDS.has(first)) {
    if (words.length > 1) return `"${first}" stands alone`;
    return { kind: first } as GatewayRequirement;
  }
  const permissions = words.flatMap((w) => w.split(',')).filter((p) => p !== '');
  const bad = permissions.filter((p) => !PERMISSION.test(p));
  if (bad.length > 0 || permissions.length === 0)
    return (
      `"${bad.join(' ')}" is neither public, authenticated, staff, deny ` +
      'nor permissions as app_label.codename'
    );
  return { kind: 'permissions', permissions };
}
