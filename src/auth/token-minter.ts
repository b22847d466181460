import { Injectable } from '@nestjs/common';
import { JwtService, JwtSignOptions } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { JwtConfig } from '../config/jwt.config';
import { BastionMetrics } from '../metrics/bastion-metrics';
import { KeyRing, KeyUse, RingKey } from './keys/key-ring';
import { Claims, TokenType } from '../common/token-types';

/** A newly signed token with the facts the token tables need. */
export interface MintedToken {
  token: string;
  claims: Claims;
  jti: string;
  /** Epoch seconds. */
  exp: number;
}

/**
 * Mints tokens exactly as simplejwt does: claims in the order token_type, exp, iat, jti (+ refresh_exp
 * for sliding), then the user id; refresh copies every claim but type, exp and jti.
 */
@Injectable()
export class TokenMinter {
  /** Per use, built once: the active key and its header (`{"alg","typ":"JWT"}`, plus `kid` when keyed). */
  private readonly signOptions: Record<KeyUse, JwtSignOptions>;

  constructor(
    private readonly jwt: JwtService,
    ring: KeyRing,
    private readonly config: JwtConfig,
    private readonly metrics: BastionMetrics,
  ) {
    this.signOptions = {
      access: signOptions(ring.signer('access')),
      refresh: signOptions(ring.signer('refresh')),
    };
  }

  /** A token of `type` for a user, issued at `now` (epoch seconds), with `extra` claims after the user id. */
  forUser(type: TokenType, userClaim: string | number, now: number, extra: Claims = {}): MintedToken {
    const claims = this.base(type, now, now + this.lifetime(type));
    if (type === 'sliding')
      claims[this.config.slidingRefreshExpClaim] = now + this.config.slidingRefreshLifetime;
    claims[this.config.userIdClaim] = userClaim;
    return this.sign(Object.assign(claims, extra));
  }

  /** simplejwt's RefreshToken.access_token: new jti and exp, `iat` and the rest copied from the refresh token. */
  accessFrom(refresh: Claims, now: number, extra: Claims = {}): MintedToken {
    return this.sign(this.copy(this.base('access', now, now + this.config.accessLifetime), refresh, extra));
  }

  /**
   * Rotation: the same claims with a new jti, iat = now and exp = now + REFRESH lifetime. Not counted as
   * issued here: a rotation can lose its race after signing; the caller counts the one it hands out.
   */
  rotate(refresh: Claims, now: number, extra: Claims = {}): MintedToken {
    const claims = this.copy(this.base('refresh', now, now + this.config.refreshLifetime), refresh, extra);
    claims.iat = now;
    return this.sign(claims, false);
  }

  /** Counts a token signed uncounted (`rotate`) once it is handed out. */
  handedOut(token: MintedToken): void {
    this.metrics.tokenIssued(token.claims[this.config.tokenTypeClaim] as TokenType);
  }

  /** Sliding refresh: same jti and refresh_exp; iat = now, exp = now + SLIDING lifetime. */
  reslide(sliding: Claims, now: number): MintedToken {
    return this.sign({ ...sliding, exp: now + this.config.slidingLifetime, iat: now });
  }

  private base(type: TokenType, now: number, exp: number): Claims {
    return {
      [this.config.tokenTypeClaim]: type,
      exp,
      iat: now,
      [this.config.jtiClaim]: randomUUID().replace(/-/g, ''),
    };
  }

  /** Copies every claim of `from` except the type, exp and jti, then `extra`. */
  private copy(into: Claims, from: Claims, extra: Claims): Claims {
    const skip = new Set([this.config.tokenTypeClaim, 'exp', this.config.jtiClaim]);
    for (const [k, v] of Object.entries(from)) if (!skip.has(k)) into[k] = v;
    return Object.assign(into, extra);
  }

  private lifetime(type: TokenType): number {
    const c = this.config;
    return type === 'access' ? c.accessLifetime : type === 'refresh' ? c.refreshLifetime : c.slidingLifetime;
  }

  private sign(claims: Claims, counted = true): MintedToken {
    if (this.config.audience !== undefined) claims.aud = this.config.audience;
    if (this.config.issuer !== undefined) claims.iss = this.config.issuer;
    // Kid-signed tokens are for outside verifiers too: Kong's claims_to_verify [exp, nbf] requires nbf.
    // HS* tokens of JWT_SIGNING_KEY alone stay exactly simplejwt's.
    const keyed = this.config.signingKeys.length > 0 || !this.config.algorithm.startsWith('HS');
    if (keyed && !Object.hasOwn(claims, 'nbf')) claims.nbf = claims.iat;
    const jti = String(claims[this.config.jtiClaim]);
    const use = claims[this.config.tokenTypeClaim] === 'refresh' ? 'refresh' : 'access';
    if (counted) this.metrics.tokenIssued(claims[this.config.tokenTypeClaim] as TokenType);
    // No expiresIn/notBefore: the claims are ours. No noTimestamp either: jsonwebtoken would delete our iat.
    return { token: this.jwt.sign(claims, this.signOptions[use]), claims, jti, exp: claims.exp as number };
  }
}

/** jsonwebtoken's header is `{alg, typ: "JWT", kid}`; kid only when the key has one. */
function signOptions(key: RingKey): JwtSignOptions {
  if (key.signing === null) throw new Error(`key ${key.kid} is verify-only: it cannot sign`);
  const options: JwtSignOptions = { algorithm: key.algorithm, privateKey: key.signing };
  if (key.kid !== undefined) options.keyid = key.kid;
  return options;
}
