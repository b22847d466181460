import { Injectable } from '@nestjs/common';
import { MSG } from '../common/errors';
import { KeyRing, KeyUse, RingKey } from './keys/key-ring';
import { TokenError } from './token-error';

/** Header members that would let a token choose or carry its own key (RFC 8725 §3.10): never honoured. */
const FORBIDDEN_HEADER = ['crit', 'jku', 'x5u', 'jwk', 'x5c'];
const B64URL = /^[A-Za-z0-9_-]+$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * What jsonwebtoken does not check, in front of it: exactly three segments of canonical base64url
 * (no padding, no +/, no stray bits), a header and a payload that are JSON objects in valid UTF-8,
 * no key-selecting header members (jku, x5u, jwk, x5c, crit), `kid` a string selecting a key of the
 * expected scope (KeyRing.select), `alg` exactly that key's algorithm (so an RSA public key is never
 * an HMAC secret, and `none` never gets near the library). The signature is the library's job.
 */
@Injectable()
export class TokenPrecheck {
  constructor(private readonly ring: KeyRing) {}

  /** The key to verify `raw` with, for `use` ('any': the verify endpoint); TokenError otherwise. */
  keyFor(raw: string, use: KeyUse | 'any'): RingKey {
    const parts = raw.split('.');
    if (parts.length !== 3) throw refused('not three segments');
    const header = jsonObject(parts[0]);
    jsonObject(parts[1]);
    canonical(parts[2]);
    for (const member of FORBIDDEN_HEADER) {
      if (Object.hasOwn(header, member)) throw refused(`header member ${member} refused`);
    }
    const kid = header.kid;
    if (kid !== undefined && typeof kid !== 'string') throw refused('kid is not a string');
    const key = this.ring.select(kid, use);
    if (key === undefined) throw refused('unknown kid');
    if (header.alg !== key.algorithm) throw refused('algorithm not allowed');
    return key;
  }
}

function refused(reason: string): TokenError {
  return new TokenError(MSG.invalidOrExpired, reason);
}

/** Base64url without padding, canonical: re-encoding must give the same text (no stray bits). */
function canonical(segment: string): Buffer {
  if (!B64URL.test(segment) || segment.length % 4 === 1) throw refused('bad base64url');
  const bytes = Buffer.from(segment, 'base64url');
  if (bytes.toString('base64url') !== segment) throw refused('non-canonical base64url');
  return bytes;
}

function jsonObject(segment: string): Record<string, unknown> {
  const bytes = canonical(segment);
  let value: unknown;
  try {
    value = JSON.parse(UTF8.decode(bytes));
  } catch {
    throw refused('segment is not JSON in UTF-8');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw refused('segment is not a JSON object');
  }
  return value as Record<string, unknown>;
}
