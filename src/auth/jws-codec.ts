import { createHmac, KeyObject, sign as cryptoSign, timingSafeEqual, verify as cryptoVerify } from 'node:crypto';
import { JwtAlgorithm } from '../config/jwt.config';

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

export interface JwsKeys {
  /** Secret KeyObject for HS*, private key otherwise. */
  signing: KeyObject;
  /** Same secret for HS*, public key otherwise. */
  verifying: KeyObject;
}

/**
 * Compact JWS over node:crypto, one algorithm, keys built once (STYLE: hot paths stay cheap).
 * Verification is strict: exactly three canonical base64url segments, a JSON object header whose
 * `alg` is exactly the configured one, no key-selecting header members, a valid signature.
 */
export class JwsCodec {
  private readonly hash: string | null;
  private readonly headerSegment: string;
  private readonly hmac: boolean;

  constructor(
    readonly algorithm: JwtAlgorithm,
    private readonly keys: JwsKeys,
  ) {
    this.hash = HASH[algorithm];
    this.hmac = algorithm.startsWith('HS');
    this.headerSegment = Buffer.from(JSON.stringify({ alg: algorithm, typ: 'JWT' })).toString('base64url');
  }

  sign(payload: Record<string, unknown>): string {
    const input = `${this.headerSegment}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${input}.${this.signature(input).toString('base64url')}`;
  }

  /** The payload of a valid token; throws InvalidJwsError otherwise. */
  verify(token: string): Record<string, unknown> {
    const parts = token.split('.');
    if (parts.length !== 3) throw new InvalidJwsError('not three segments');
    const [h, p, s] = parts;
    const header = decodeJsonSegment(h);
    if (header.alg !== this.algorithm) throw new InvalidJwsError('algorithm not allowed');
    for (const member of FORBIDDEN_HEADER) {
      if (Object.hasOwn(header, member)) throw new InvalidJwsError(`header member ${member} refused`);
    }
    const signature = decodeSegment(s);
    if (!this.check(`${h}.${p}`, signature)) throw new InvalidJwsError('bad signature');
    return decodeJsonSegment(p);
  }

  private signature(input: string): Buffer {
    if (this.hmac) return createHmac(this.hash!, this.keys.signing).update(input).digest();
    return cryptoSign(this.hash, Buffer.from(input), { key: this.keys.signing, dsaEncoding: 'ieee-p1363' });
  }

  private check(input: string, signature: Buffer): boolean {
    if (this.hmac) {
      const expected = createHmac(this.hash!, this.keys.verifying).update(input).digest();
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    }
    try {
      return cryptoVerify(
        this.hash,
        Buffer.from(input),
        { key: this.keys.verifying, dsaEncoding: 'ieee-p1363' },
        signature,
      );
    } catch {
      return false;
    }
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
