import { Injectable } from '@nestjs/common';
import { JwtService, JwtVerifyOptions } from '@nestjs/jwt';
import { JwtConfig } from '../config/jwt.config';
import { Clock } from '../common/clock';
import { MSG, noClaim } from '../common/errors';
import { libraryKey } from './jwt-library.options';
import { KeyRing, RingKey } from './keys/key-ring';
import { TokenError } from './token-error';
import { TokenPrecheck } from './token-precheck';
import { Claims, TokenType, ValidToken } from '../common/token-types';

/** 9999-12-31T23:59:59Z: past this a time claim is nonsense (Python's datetime cannot hold it). */
const MAX_EPOCH = 253402300799;
const MAX_JTI_LENGTH = 255;

/**
 * simplejwt's Token.__init__ + verify(): TokenPrecheck picks the key, JwtService (jsonwebtoken) checks
 * the signature, then time claims as PyJWT checks them, `exp` present, `jti` present, `token_type` as
 * expected. Stricter where simplejwt crashes or accepts nonsense: time claims must be JSON numbers
 * within year 9999.
 */
@Injectable()
export class TokenValidator {
  /** Per key, built once: the library's options pinning `alg` to the key's (no per-call object). */
  private readonly verifyOptions = new Map<RingKey, JwtVerifyOptions>();

  constructor(
    private readonly precheck: TokenPrecheck,
    private readonly jwt: JwtService,
    ring: KeyRing,
    private readonly config: JwtConfig,
    private readonly clock: Clock,
  ) {
    for (const key of ring.keys) {
      this.verifyOptions.set(key, { secret: libraryKey(key.verifying), algorithms: [key.algorithm] });
    }
  }

  /** `expected` null: any type (verify endpoint). Throws TokenError with simplejwt's message. */
  validate(raw: string, expected: TokenType | null): ValidToken {
    return this.check(raw, this.decode(raw, expected), expected);
  }

  /**
   * Everything after the signature, for claims the library verified (the guard's path: passport-jwt
   * verifies, JwtStrategy.validate calls this). Throws TokenError with simplejwt's message.
   */
  check(raw: string, claims: Claims, expected: TokenType | readonly TokenType[] | null): ValidToken {
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
      throw new TokenError(MSG.invalidOrExpired, 'payload is not a JSON object');
    }
    const now = this.clock.now() / 1000;
    this.checkTimes(claims, now);
    const { jtiClaim, tokenTypeClaim } = this.config;
    if (!Object.hasOwn(claims, 'exp')) throw new TokenError(noClaim('exp'));
    if (!Object.hasOwn(claims, jtiClaim) || claims[jtiClaim] === null) throw new TokenError(MSG.noId);
    if (expected !== null) {
      if (!Object.hasOwn(claims, tokenTypeClaim)) throw new TokenError(MSG.noType);
      const type = claims[tokenTypeClaim];
      const ok = typeof expected === 'string' ? type === expected : expected.includes(type as TokenType);
      if (!ok) throw new TokenError(MSG.wrongType);
    }
    const jtiValue = claims[jtiClaim];
    const jti = typeof jtiValue === 'string' ? jtiValue : JSON.stringify(jtiValue);
    // The jti is looked up in the token tables: text Postgres cannot hold (NUL) is refused, not a 500.
    if (jti.length === 0 || jti.length > MAX_JTI_LENGTH || jti.includes('\0')) {
      throw new TokenError(MSG.invalidOrExpired);
    }
    return { raw, claims, jti, exp: claims.exp as number };
  }

  /** Separate refresh keys: only refresh keys verify refresh tokens, only access keys the others. */
  private decode(raw: string, expected: TokenType | null): Claims {
    const key = this.precheck.keyFor(
      raw,
      expected === null ? 'any' : expected === 'refresh' ? 'refresh' : 'access',
    );
    try {
      return this.jwt.verify<Claims>(raw, this.verifyOptions.get(key));
    } catch (e) {
      // The library's refusals (bad signature, a malformed ECDSA signature, ...): all "invalid".
      throw new TokenError(MSG.invalidOrExpired, e instanceof Error ? e.message : 'refused by jsonwebtoken');
    }
  }

  /** PyJWT's exp / iat / nbf / aud / iss checks; any failure is "invalid or expired". */
  private checkTimes(claims: Claims, now: number): void {
    const leeway = this.config.leeway;
    const invalid = (): never => {
      throw new TokenError(MSG.invalidOrExpired);
    };
    if (Object.hasOwn(claims, 'exp')) {
      const exp = claims.exp;
      if (!isEpoch(exp) || exp <= now - leeway) invalid();
    }
    for (const claim of ['iat', 'nbf']) {
      if (!Object.hasOwn(claims, claim)) continue;
      const t = claims[claim];
      if (!isEpoch(t) || t > now + leeway) invalid();
    }
    const { audience, issuer } = this.config;
    if (audience !== undefined) {
      const aud = claims.aud;
      if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) invalid();
    }
    if (issuer !== undefined && claims.iss !== issuer) invalid();
  }
}

function isEpoch(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_EPOCH;
}
