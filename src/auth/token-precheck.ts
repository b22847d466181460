import { Injectable } from '@nestjs/common';
import { isUtf8 } from 'node:buffer';
import { MSG } from '../common/errors';
import { KeyRing, KeyUse, RingKey } from './keys/key-ring';
import { TokenError } from './token-error';

/** Header members that would let a token choose or carry its own key (RFC 8725 §3.10): never honoured. */
const FORBIDDEN_HEADER = ['crit', 'jku', 'x5u', 'jwk', 'x5c'];
const B64URL = /^[A-Za-z0-9_-]+$/;
const B64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const OPEN_BRACE = 0x7b;
/** Header segments already checked, per use: our own tokens have a handful; more is someone's variation. */
const MAX_KNOWN_HEADERS = 64;

/**
 * What jsonwebtoken does not check, in front of it: exactly three segments of canonical base64url
 * (no padding, no +/, no stray bits), a header and a payload that are JSON objects in valid UTF-8,
 * no key-selecting header members (jku, x5u, jwk, x5c, crit), `kid` a string selecting a key of the
 * expected scope (KeyRing.select), `alg` exactly that key's algorithm (so an RSA public key is never
 * an HMAC secret, and `none` never gets near the library). The signature is the library's job.
 *
 * Hot path: the header is parsed here (it selects the key); the payload is parsed once, by the
 * library, so here it is only checked to be UTF-8 starting with `{` (valid JSON that starts with `{`
 * is an object; invalid JSON is the library's refusal). TokenValidator.check refuses a non-object again.
 */
@Injectable()
export class TokenPrecheck {
  /**
   * Header segment -> the key it selected, per use, for headers that passed every check: the same few
   * segments come back on every request, so their decoding and parsing is done once. Bounded, and only
   * accepted headers enter it, so a refused token always takes the full path.
   */
  private readonly known: Record<KeyUse | 'any', Map<string, RingKey>> = {
    access: new Map(),
    refresh: new Map(),
    any: new Map(),
  };

  constructor(private readonly ring: KeyRing) {}

  /** The key to verify `raw` with, for `use` ('any': the verify endpoint); TokenError otherwise. */
  keyFor(raw: string, use: KeyUse | 'any'): RingKey {
    const parts = raw.split('.');
    if (parts.length !== 3) throw refused('not three segments');
    payloadLooksLikeObject(parts[1]);
    canonical(parts[2]);
    const known = this.known[use];
    const cached = known.get(parts[0]);
    if (cached !== undefined) return cached;
    const key = this.keyOfHeader(jsonHeader(parts[0]), use);
    if (known.size < MAX_KNOWN_HEADERS) known.set(parts[0], key);
    return key;
  }

  private keyOfHeader(header: Record<string, unknown>, use: KeyUse | 'any'): RingKey {
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

/**
 * Base64url without padding, canonical: only the alphabet, no length that cannot be, and the unused
 * low bits of the last character zero (otherwise two texts would decode to the same bytes).
 */
function canonical(segment: string): void {
  const rest = segment.length % 4;
  if (rest === 1 || !B64URL.test(segment)) throw refused('bad base64url');
  if (rest === 0) return;
  const last = B64URL_ALPHABET.indexOf(segment[segment.length - 1]);
  if ((last & (rest === 2 ? 0b1111 : 0b11)) !== 0) throw refused('non-canonical base64url');
}

function jsonHeader(segment: string): Record<string, unknown> {
  canonical(segment);
  let value: unknown;
  try {
    value = JSON.parse(UTF8.decode(Buffer.from(segment, 'base64url')));
  } catch {
    throw refused('header is not JSON in UTF-8');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw refused('header is not a JSON object');
  }
  return value as Record<string, unknown>;
}

function payloadLooksLikeObject(segment: string): void {
  canonical(segment);
  const bytes = Buffer.from(segment, 'base64url');
  if (!isUtf8(bytes)) throw refused('payload is not UTF-8');
  let i = 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  ) {
    i += 1;
  }
  if (bytes[i] !== OPEN_BRACE) throw refused('payload is not a JSON object');
}
