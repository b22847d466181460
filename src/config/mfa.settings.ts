import { EnvReader } from './env.parsers';
import { MfaConfig } from './mfa.config';

/** The second factor's settings; errors go to `r`. */
export function readMfaSettings(r: EnvReader): MfaConfig {
  const encryptionKey = r.raw('MFA_ENCRYPTION_KEY');
  if (encryptionKey !== undefined && encryptionKey.length < 32)
    r.fail('MFA_ENCRYPTION_KEY', 'must be at least 32 characters');
  const issuer = r.string('MFA_ISSUER', 'Bastion');
  if (issuer.includes(':') || issuer.length > 64)
    r.fail('MFA_ISSUER', 'at most 64 characters, without ":" (authenticator apps split on it)');
  return {
    requiredForStaff: r.bool('MFA_REQUIRED_FOR_STAFF', false),
    encryptionKey,
    tokenLifetime: r.duration('MFA_TOKEN_LIFETIME', '5m', 30),
    tokenAttempts: r.int('MFA_TOKEN_ATTEMPTS', 5, 1, 20),
    issuer,
    ...readWebAuthn(r),
  };
}

function readWebAuthn(r: EnvReader): Pick<MfaConfig, 'rpId' | 'rpName' | 'origins'> {
  const rpId = r.string('WEBAUTHN_RP_ID')?.toLowerCase();
  const origins = r.list('WEBAUTHN_ORIGINS', []);
  const rpName = r.string('WEBAUTHN_RP_NAME', 'Bastion');
  if (rpId === undefined) {
    if (origins.length > 0) r.fail('WEBAUTHN_ORIGINS', 'needs WEBAUTHN_RP_ID');
    return { rpId, rpName, origins };
  }
  if (
    !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(rpId)
  )
    r.fail('WEBAUTHN_RP_ID', `expected a domain name like example.com, got "${rpId}"`);
  if (origins.length === 0) r.fail('WEBAUTHN_ORIGINS', 'needs at least one origin with WEBAUTHN_RP_ID');
  for (const origin of origins) {
    const problem = originProblem(origin, rpId);
    if (problem) r.fail('WEBAUTHN_ORIGINS', `"${origin}": ${problem}`);
  }
  return { rpId, rpName, origins: origins.map((o) => o.replace(/\/+$/, '')) };
}

/** An origin must be https (http only for localhost) and its host the RP ID or below it. */
function originProblem(origin: string, rpId: string): string | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return 'not a URL';
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '')
    return 'an origin has no path, query or credentials';
  const local = url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) return 'must be https';
  if (url.hostname !== rpId && !url.hostname.endsWith(`.${rpId}`)) return `not within ${rpId}`;
  return undefined;
}
