import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { EnvReader } from './env.parsers';
import { JwtAlgorithm } from './jwt.config';

export const MIN_HMAC_KEY_BYTES = 32;
/** RFC 7518 3.3: RS* keys of at least 2048 bits. */
export const MIN_RSA_BITS = 2048;
/** A secret with fewer distinct bytes than this is typed or patterned, not generated. */
const MIN_DISTINCT_BYTES = 10;
/** Eight or more of one character in a row: padding or a placeholder, not randomness. */
const RUN = /(.)\1{7}/s;
/** Placeholders and well-known secrets, refused wherever they appear in a secret (case-insensitive). */
const PLACEHOLDERS = [
  'changeme',
  'change-me',
  'change_me',
  'replaceme',
  'replace-me',
  'replace_me',
  'django-insecure',
  'your-256-bit-secret',
  'your-secret',
  'secret-key-here',
];

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
export function isHmac(alg: JwtAlgorithm): boolean {
  return alg.startsWith('HS');
}

/**
 * Why an HMAC secret is too weak for production, or undefined: shorter than 32 bytes, fewer than
 * 10 distinct bytes, a run of 8 equal characters, or a known placeholder.
 */
export function weakSecretProblem(secret: string, alg: string): string | undefined {
  const bytes = Buffer.from(secret);
  if (bytes.length < MIN_HMAC_KEY_BYTES)
    return `too short for ${alg}: at least ${MIN_HMAC_KEY_BYTES} bytes are required`;
  if (new Set(bytes).size < MIN_DISTINCT_BYTES)
    return `too little entropy: fewer than ${MIN_DISTINCT_BYTES} distinct bytes (use openssl rand -base64 48)`;
  if (RUN.test(secret)) return 'too little entropy: 8 or more of one character in a row';
  const lower = secret.toLowerCase();
  const placeholder = PLACEHOLDERS.find((p) => lower.includes(p));
  if (placeholder) return `a placeholder, not a secret (contains "${placeholder}")`;
  return undefined;
}

/** Why an RSA key is too small, or undefined (also for other key types). */
export function smallRsaProblem(key: KeyObject): string | undefined {
  const bits = key.asymmetricKeyType === 'rsa' ? key.asymmetricKeyDetails?.modulusLength : undefined;
  return bits !== undefined && bits < MIN_RSA_BITS
    ? `an RSA key of ${bits} bits; at least ${MIN_RSA_BITS} are required`
    : undefined;
}

/** True when `key` (a KeyObject) can sign or verify `alg`. */
export function keyFitsAlgorithm(key: KeyObject, alg: JwtAlgorithm): boolean {
  const want = ASYMMETRIC[alg];
  if (!want || key.asymmetricKeyType !== want.type) return false;
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

/** Refuses key material that cannot work with the algorithm, RSA under 2048 bits, and weak HMAC keys in production. */
export function checkKeyMaterial(r: EnvReader, s: KeySettings): void {
  if (isHmac(s.algorithm)) {
    if (s.signingKey === undefined && s.production && !s.keyed) {
      r.fail('JWT_SIGNING_KEY', `required with NODE_ENV=production (at least ${MIN_HMAC_KEY_BYTES} bytes)`);
    } else if (s.signingKey !== undefined && s.production) {
      const problem = weakSecretProblem(s.signingKey, s.algorithm);
      if (problem) r.fail('JWT_SIGNING_KEY', problem);
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
    const key = createPublicKey(s.verifyingKey);
    if (!keyFitsAlgorithm(key, s.algorithm)) {
      r.fail('JWT_VERIFYING_KEY', `the public key does not fit ${s.algorithm}`);
    } else {
      const small = smallRsaProblem(key);
      if (small) r.fail('JWT_VERIFYING_KEY', small);
    }
  } catch {
    r.fail('JWT_VERIFYING_KEY', `not a public key PEM usable with ${s.algorithm}`);
  }
}

function checkPrivate(r: EnvReader, pem: string, algorithm: JwtAlgorithm): void {
  try {
    const key = createPrivateKey(pem);
    if (!keyFitsAlgorithm(key, algorithm)) {
      r.fail('JWT_SIGNING_KEY', `the private key does not fit ${algorithm}`);
    } else {
      const small = smallRsaProblem(key);
      if (small) r.fail('JWT_SIGNING_KEY', small);
    }
  } catch {
    r.fail('JWT_SIGNING_KEY', `not a private key PEM usable with ${algorithm}`);
  }
}
