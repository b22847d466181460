import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-jwt';
import { Principal } from '../common/principal';
import { Claims, TokenType } from '../common/token-types';
import { JwtConfig } from '../config/jwt.config';
import { AccessGate } from './access-gate';
import { BearerTokenExtractor } from './bearer-token.extractor';
import { libraryKey, libraryVerifyOptions } from './jwt-library.options';
import { KeyRing } from './keys/key-ring';
import { TokenPrecheck } from './token-precheck';
import { TokenValidator } from './token-validator';

type KeyDone = (err: unknown, secretOrKey?: string) => void;

/**
 * simplejwt's JWTAuthentication on passport-jwt: the token from the Authorization header
 * (BearerTokenExtractor), the key chosen by TokenPrecheck (kid, access scope, pinned alg),
 * the signature checked by jsonwebtoken, then in validate() the claim checks (TokenValidator.check)
 * and the user and session checks from memory (AccessGate). Options are built once, at start.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly extractor: BearerTokenExtractor,
    private readonly validator: TokenValidator,
    private readonly gate: AccessGate,
    precheck: TokenPrecheck,
    ring: KeyRing,
    config: JwtConfig,
  ) {
    const verify = libraryVerifyOptions(ring);
    super({
      jwtFromRequest: extractor.fromRequest,
      secretOrKeyProvider: (_req: FastifyRequest, raw: string, done: KeyDone): void => {
        let key;
        try {
          key = precheck.keyFor(raw, 'access');
        } catch (e) {
          return done(e);
        }
        done(null, libraryKey(key.verifying));
      },
      passReqToCallback: true,
      // passport-jwt copies its own `algorithms` and `ignoreExpiration` over jsonWebTokenOptions, even
      // when not given (undefined, false): said here too, or jsonwebtoken would check `exp` itself,
      // on the real clock and without JWT_LEEWAY.
      algorithms: verify.algorithms,
      ignoreExpiration: verify.ignoreExpiration,
      jsonWebTokenOptions: verify,
    });
    this.classes = config.authTokenClasses;
  }

  /** AUTH_TOKEN_CLASSES: the token types that authenticate (access; sliding when named). */
  private readonly classes: readonly TokenType[];

  /** Passport puts the result on `req.user` (CurrentPrincipal reads it). */
  async validate(req: FastifyRequest, claims: Claims): Promise<Principal> {
    // validate() runs only once the extractor found a token: not null here.
    const token = this.validator.check(this.extractor.fromRequest(req) as string, claims, this.classes);
    return { user: await this.gate.admit(token), token };
  }
}
