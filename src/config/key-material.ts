import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { EnvReader } from './env.parsers';
import { JwtAlgorithm } from './jwt.config';

export const MIN_HMAC_KEY_BYTES = 32;
/** jsonwebtoken refuses to sign RS* with a smaller modulus: refused at start rather than at the first login. */
export const MIN_RSA_BITS = 2048;

/** The key type (and curve) node:crypto reports for each asymmetric algorithm. */
const ASYMMETRIC: Record<string, { type: string; curve?: string }> = {
  RS256: { type: 'rsa' },
  RS384: { type: 'rsa' },
  RS512: { type: 'rsa' },
  ES256: { type: 'ec', curve: 'prime256v1' },
  ES384: { type: 'ec', curve: 'secp384r1' },
  ES512: { type: 'ec', curve: 'secp521r1' },
};

/** What a "does not fit" message adds for RSA keys: the size jsonwebtoken requires. */
export function fitHint(alg: JwtAlgorithm): string {
  return alg.startsWith('RS') ? ` (an RSA key of at least ${MIN_RSA_BITS} bits)` : '';
}

export function isHmac(alg: JwtAlgorithm): boolean {
  return alg.startsWith('HS');
}

/** True when `key` (a KeyObject) can sign or verify `alg` (RSA: at least MIN_RSA_BITS). */
export function keyFitsAlgorithm(key: KeyObject, alg: JwtAlgorithm): boolean {
  const want = ASYMMETRIC[alg];
  if (!want || key.asymmetricKeyType !== want.type) return false;
  if (want.type === 'rsa') return (key.asymmetricKeyDetails?.modulusLength ?? 0) >= MIN_RSA_BITS;
  return !want.curve || key.asymmetricKeyDetails?.namedCurve === want.curve;
}

interface KeySettings {
  algorithm: JwtAlgorithm;
  signingKey: string | undefined;
  verifyingKey: string | undefined;
  production: boolean;
  /** JWT_SIGNING_KEYS is set: JWT_SIGNING_KEY becomes an optional, verify-only key for kid-less tokens. */
  keyed: boolean;
}

/** Refuses key material that cannot work with the algorithm, and weak HMAC keys in production. */
export function checkKeyMaterial(r: EnvReader, s: KeySettings): void {
  if (isHmac(s.algorithm)) {
    if (s.signingKey === undefined && s.production && !s.keyed) {
      r.fail('JWT_SIGNING_KEY', `required with NODE_ENV=production (at least ${MIN_HMAC_KEY_BYTES} bytes)`);
    } else if (
      s.signingKey !== undefined &&
      Buffer.byteLength(s.signingKey) < MIN_HMAC_KEY_BYTES &&
      s.production
    ) {
      r.fail(
        'JWT_SIGNING_KEY',
        `too short for ${s.algorithm}: at least ${MIN_HMAC_KEY_BYTES} bytes are required`,
      );
    }
    return;
  }
  if (s.signingKey === undefined) {
    if (!s.keyed)
      r.fail('JWT_SIGNING_KEY', `a private key PEM (or file:path) is required for ${s.algorithm}`);
  } else {
    checkPrivate(r, s.signingKey, s.algorithm);
  }
  if (s.verifyingKey === undefined) return;
  try {
    if (!keyFitsAlgorithm(createPublicKey(s.verifyingKey), s.algorithm)) {
      r.fail('JWT_VERIFYING_KEY', `the public key does not fit ${s.algorithm}${fitHint(s.algorithm)}`);
    }
  } catch {
    r.fail('JWT_VERIFYING_KEY', `not a public key PEM usable with ${s.algorithm}`);
  }
}

function checkPrivate(r: EnvReader, pem: string, algorithm: JwtAlgorithm): void {
  try {
    if (!keyFitsAlgorithm(createPrivateKey(pem), algorithm)) {
      r.fail('JWT_SIGNING_KEY', `the private key does not fit ${algorithm}${fitHint(algorithm)}`);
    }
  } catch {
    r.fail('JWT_SIGNING_KEY', `not a private key PEM usable with ${algorithm}`);
  }
}
