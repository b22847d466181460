import { KeyObject } from 'node:crypto';
import { JwtAlgorithm } from '../../config/jwt.config';

/** Which tokens a key signs: access (and sliding) tokens, refresh tokens, or both. */
export type KeyUse = 'access' | 'refresh';
export type KeyScope = KeyUse | 'both';

export interface RingKey {
  /** Undefined only for the legacy HMAC JWT_SIGNING_KEY, whose tokens carry no kid (simplejwt's). */
  kid: string | undefined;
  algorithm: JwtAlgorithm;
  /** Secret or private key; null for a verify-only public key. */
  signing: KeyObject | null;
  /** Secret (HS*) or public key. */
  verifying: KeyObject;
  scope: KeyScope;
  /** The legacy JWT_SIGNING_KEY / JWT_VERIFYING_KEY: the only key a token without kid is checked with. */
  legacy: boolean;
}

/**
 * Every configured key, by kid, with the active signer of each token use. Built once at start.
 *
 * Key selection (never from jku/x5u/jwk/x5c, which TokenPrecheck refuses):
 * - a token with `kid`: the key with that kid, if its scope covers the expected use; otherwise none;
 * - a token without `kid`: the legacy key (JWT_SIGNING_KEY) if one is configured; otherwise none.
 */
export class KeyRing {
  private readonly byKid = new Map<string, RingKey>();
  private readonly legacyKey: RingKey | undefined;

  constructor(
    readonly keys: RingKey[],
    private readonly signers: Record<KeyUse, RingKey>,
  ) {
    for (const k of keys) if (k.kid !== undefined) this.byKid.set(k.kid, k);
    this.legacyKey = keys.find((k) => k.legacy);
  }

  signer(use: KeyUse): RingKey {
    return this.signers[use];
  }

  /** The key a token's header selects for `use` ('any': the verify endpoint), or undefined. */
  select(kid: string | undefined, use: KeyUse | 'any'): RingKey | undefined {
    const key = kid === undefined ? this.legacyKey : this.byKid.get(kid);
    if (key === undefined || use === 'any' || key.scope === 'both' || key.scope === use) return key;
    return undefined;
  }

  /** Asymmetric keys (public halves) for the JWKS document and Kong; HMAC keys are never published. */
  publicKeys(): RingKey[] {
    return this.keys.filter((k) => k.kid !== undefined && !k.algorithm.startsWith('HS'));
  }
}
