import { Logger } from '@nestjs/common';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  KeyObject,
  randomBytes,
} from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../../config/app.config';
import { JwtConfig, SigningKeySpec } from '../../config/jwt.config';
import { isHmac } from '../../config/key-material';
import { KeyRing, KeyScope, RingKey } from './key-ring';

export const DEV_KEY_FILE = 'jwt-signing.key';

/**
 * The KeyRing, built once at start: every key a KeyObject ready for the hot path (jsonwebtoken would
 * otherwise parse a PEM or secret string on every call).
 *
 * JWT_SIGNING_KEYS (kids; refresh keys apart when JWT_REFRESH_SIGNING_KEYS is set) plus the legacy
 * JWT_SIGNING_KEY. Without JWT_SIGNING_KEYS the legacy key signs everything, exactly as simplejwt
 * (an HMAC key: no kid in the header); with it, the legacy key only verifies tokens without kid.
 */
export function createKeyRing(jwt: JwtConfig, app: AppConfig): KeyRing {
  const separate = jwt.refreshSigningKeys.length > 0;
  const keys = [
    ...jwt.signingKeys.map((s) => fromSpec(s, separate ? 'access' : 'both')),
    ...jwt.refreshSigningKeys.map((s) => fromSpec(s, 'refresh')),
  ];
  const legacy = legacyKey(jwt, app);
  if (legacy) keys.push(legacy);
  if (jwt.signingKeys.length === 0) return new KeyRing(keys, { access: legacy!, refresh: legacy! });
  const find = (kid: string | undefined): RingKey => keys.find((k) => k.kid === kid)!;
  const access = find(jwt.activeKid);
  return new KeyRing(keys, { access, refresh: separate ? find(jwt.refreshActiveKid) : access });
}

function fromSpec(s: SigningKeySpec, scope: KeyScope): RingKey {
  if (isHmac(s.algorithm)) {
    const secret = createSecretKey(Buffer.from(s.material, 'utf8'));
    return { kid: s.kid, algorithm: s.algorithm, signing: secret, verifying: secret, scope, legacy: false };
  }
  const signing = s.material.includes('PRIVATE KEY') ? createPrivateKey(s.material) : null;
  const verifying = createPublicKey(signing ?? s.material);
  return { kid: s.kid, algorithm: s.algorithm, signing, verifying, scope, legacy: false };
}

/** JWT_SIGNING_KEY / JWT_VERIFYING_KEY (or, unkeyed and outside production, the development key). */
function legacyKey(jwt: JwtConfig, app: AppConfig): RingKey | undefined {
  const keyed = jwt.signingKeys.length > 0;
  const base = { algorithm: jwt.algorithm, scope: 'both' as const, legacy: true };
  if (isHmac(jwt.algorithm)) {
    if (keyed && jwt.signingKey === undefined) return undefined;
    const secret = createSecretKey(Buffer.from(jwt.signingKey ?? developmentKey(app.dataDir), 'utf8'));
    return { ...base, kid: undefined, signing: secret, verifying: secret };
  }
  if (jwt.signingKey === undefined && jwt.verifyingKey === undefined) return undefined;
  // Configuration validated the PEMs already; without a verifying key, the signing key's public half.
  const signing = jwt.signingKey === undefined ? null : createPrivateKey(jwt.signingKey);
  const verifying = createPublicKey(jwt.verifyingKey ?? signing!);
  return { ...base, kid: thumbprint(verifying), signing: keyed ? null : signing, verifying };
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url): the kid of a legacy asymmetric key. */
export function thumbprint(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  const members = jwk.kty === 'RSA' ? ['e', 'kty', 'n'] : ['crv', 'kty', 'x', 'y'];
  const canonical = JSON.stringify(Object.fromEntries(members.map((m) => [m, jwk[m]])));
  return createHash('sha256').update(canonical).digest('base64url');
}

/**
 * Outside production, with no JWT_SIGNING_KEY: a random key generated once and kept in the data
 * directory, so tokens survive restarts. Production refuses to start without a real key.
 */
function developmentKey(dataDir: string): string {
  const file = join(dataDir, DEV_KEY_FILE);
  const log = new Logger('JwtKeys');
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    log.warn(`JWT_SIGNING_KEY is not set: generated a development key in ${file}`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    log.warn(`JWT_SIGNING_KEY is not set: using the development key in ${file}`);
  }
  return readFileSync(file, 'utf8').trim();
}
