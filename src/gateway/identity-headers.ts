import { Principal } from '../common/principal';
import { sidOf } from '../sessions/session.service';

/** Every identity header the check endpoint may send, so a gateway can copy (and strip) them all. */
export const IDENTITY_HEADERS = [
  'Remote-User',
  'Remote-User-Id',
  'Remote-Name',
  'Remote-Email',
  'Remote-Groups',
  'Remote-Permissions',
  'Remote-Auth-Scheme',
  'Remote-Session',
] as const;

/** Superusers hold every permission: their Remote-Permissions is this instead of a list. */
export const ALL_PERMISSIONS = '*' as const;

/**
 * The identity headers of an authenticated request, named as Authelia names them. Values are printable
 * ASCII: anything else, `%`, and `,` inside a list item are percent-encoded (UTF-8), so an upstream
 * reads every value (each list item) with decodeURIComponent.
 */
export function identityHeaders(
  principal: Principal,
  groups: readonly string[],
  permissions: ReadonlySet<string> | typeof ALL_PERMISSIONS,
): Record<string, string> {
  const { user } = principal;
  const username = encodeValue(user.username);
  const email = 'email' in user && typeof user.email === 'string' ? user.email : '';
  const headers: Record<string, string> = {
    'Remote-User': username,
    'Remote-User-Id': String(user.id),
    'Remote-Name': username,
    'Remote-Email': encodeValue(email),
    'Remote-Groups': groups.map(encodeItem).join(','),
    'Remote-Permissions':
      permissions === ALL_PERMISSIONS ? ALL_PERMISSIONS : [...permissions].sort().join(','),
    'Remote-Auth-Scheme': principal.apiKey ? 'api-key' : 'bearer',
    'Remote-Session': '',
  };
  if (principal.token) headers['Remote-Session'] = encodeValue(String(sidOf(principal.token.claims) ?? ''));
  return headers;
}

const UNSAFE = /[^\x20-\x24\x26-\x7e]/;

function encodeValue(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text
    .replace(/[\uD800-\uDFFF]/gu, '\uFFFD') // a lone surrogate, which encodeURIComponent refuses
    .replace(/[^\x20-\x24\x26-\x7e]/gu, (c) => encodeURIComponent(c));
}

function encodeItem(text: string): string {
  return encodeValue(text).replace(/,/g, '%2C');
}
