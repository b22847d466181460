import { createHmac, sign as cryptoSign, timingSafeEqual, verify as cryptoVerify } from 'node:crypto';
import { JwtAlgorithm } from '../config/jwt.config';
import { KeyRing, KeyUse, RingKey } from './keys/key-ring';

/** Thrown for anything that is not a well-formed, correctly signed JWS of the configured algorithm. */
export class InvalidJwsError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidJwsError';
  }
}

const HASH: Record<JwtAlgorithm, string | null> = {
  HS256: 'sha256',
  HS384: 'sha384',
  HS512: 'sha512',
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512',
  EdDSA: null,
};

/** Header members that would let a token choose or carry its own key (RFC 8725 §3.10): never honoured. */
const FORBIDDEN_HEADER = ['crit', 'jku', 'x5u', 'jwk', 'x5c'];
const B64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Compact JWS over node:crypto, keys built once (STYLE: hot paths stay cheap). The only place
 * signatures are made and checked. Verification is strict: exactly three canonical base64url
 * segments, a JSON object header, no key-selecting header members (jku, x5u, jwk, x5c, crit),
 * the key chosen by `kid` from the configured ring (KeyRing.select), `alg` exactly that key's
 * algorithm (so an RSA public key can never be used as an HMAC secret), a valid signature.
 */
export class JwsCodec {
  private readonly headers = new Map<RingKey, string>();

  constructor(private readonly ring: KeyRing) {}

  /** Signs with the active key for `use`; its kid (if any) goes into the header. */
  sign(payload: Record<string, unknown>, use: KeyUse = 'access'): string {
    const key = this.ring.signer(use);
    const input = `${this.header(key)}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${input}.${signature(key, input).toString('base64url')}`;
  }

  /** The payload of a valid token for `use` ('any': whatever key signed it); throws InvalidJwsError otherwise. */
  verify(token: string, use: KeyUse | 'any' = 'any'): Record<string, unknown> {
    const parts = token.split('.');
    if (parts.length !== 3) throw new InvalidJwsError('not three segments');
    const [h, p, s] = parts;
    const header = decodeJsonSegment(h);
    for (const member of FORBIDDEN_HEADER) {
      if (Object.hasOwn(header, member)) throw new InvalidJwsError(`header member ${member} refused`);
    }
    const kid = header.kid;
    if (kid !== undefined && typeof kid !== 'string') throw new InvalidJwsError('kid is not a string');
    const key = this.ring.select(kid, use);
    if (key === undefined) throw new InvalidJwsError('unknown kid');
    if (header.alg !== key.algorithm) throw new InvalidJwsError('algorithm not allowed');
    if (!check(key, `${h}.${p}`, decodeSegment(s))) throw new InvalidJwsError('bad signature');
    return decodeJsonSegment(p);
  }

  private header(key: RingKey): string {
    let segment = this.headers.get(key);
    if (segment === undefined) {
      const header =
        key.kid === undefined
          ? { alg: key.algorithm, typ: 'JWT' }
          : { alg: key.algorithm, typ: 'JWT', kid: key.kid };
      segment = Buffer.from(JSON.stringify(header)).toString('base64url');
      this.headers.set(key, segment);
    }
    return segment;
  }
}

function signature(key: RingKey, input: string): Buffer {
  if (key.signing === null) throw new Error(`key ${key.kid} is verify-only`);
  const hash = HASH[key.algorithm];
  if (key.algorithm.startsWith('HS')) return createHmac(hash!, key.signing).update(input).digest();
  return cryptoSign(hash, Buffer.from(input), { key: key.signing, dsaEncoding: 'ieee-p1363' });
}

function check(key: RingKey, input: string, sig: Buffer): boolean {
  const hash = HASH[key.algorithm];
  if (key.algorithm.startsWith('HS')) {
    const expected = createHmac(hash!, key.verifying).update(input).digest();
    return expected.length === sig.length && timingSafeEqual(expected, sig);
  }
  try {
    return cryptoVerify(hash, Buffer.from(input), { key: key.verifying, dsaEncoding: 'ieee-p1363' }, sig);
  } catch {
    return false;
  }
}

/** Base64url without padding, canonical: re-encoding must give the same text (no stray bits). */
function decodeSegment(segment: string): Buffer {
  if (segment === '' || !B64URL.test(segment) || segment.length % 4 === 1) {
    throw new InvalidJwsError('bad base64url');
  }
  const bytes = Buffer.from(segment, 'base64url');
  if (bytes.toString('base64url') !== segment) throw new InvalidJwsError('non-canonical base64url');
  return bytes;
}

function decodeJsonSegment(segment: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(decodeSegment(segment)));
  } catch (e) {
    if (e instanceof InvalidJwsError) throw e;
    throw new InvalidJwsError('segment is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidJwsError('segment is not a JSON object');
  }
  return value as Record<string, unknown>;
}
