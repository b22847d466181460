import { Injectable } from '@nestjs/common';
import { Errors } from '../common/errors';
import { JwtConfig } from '../config/jwt.config';
import { Principal } from '../common/principal';
import { ValidToken } from '../common/token-types';
import { AccessGate } from './access-gate';
import { TokenError } from './token-error';
import { TokenValidator } from './token-validator';

/** The raw request facts authentication needs: Node's header list keeps duplicates, its map does not. */
export interface AuthRequestFacts {
  authorization: string | undefined;
  rawHeaders: string[];
}

const ASCII_WHITESPACE = /[ \t\n\r\v\f]+/;

/**
 * simplejwt's JWTAuthentication: header parsing, AccessToken validation, then the user and session
 * revocation check from memory (AccessGate: no database round trip for a hot user and session).
 */
@Injectable()
export class AccessAuthenticator {
  private readonly headerTypes: Set<string>;

  constructor(
    config: JwtConfig,
    private readonly validator: TokenValidator,
    private readonly gate: AccessGate,
  ) {
    this.headerTypes = new Set(config.authHeaderTypes);
  }

  async authenticate(req: AuthRequestFacts): Promise<Principal> {
    const raw = this.rawToken(req);
    let token: ValidToken;
    try {
      token = this.validator.validate(raw, 'access');
    } catch (e) {
      if (e instanceof TokenError) throw Errors.accessTokenRejected(e.message);
      throw e;
    }
    return { user: await this.gate.admit(token), token };
  }

  /** The token of `Authorization: <type> <token>`; simplejwt's messages for everything else. */
  private rawToken(req: AuthRequestFacts): string {
    if (countAuthorization(req.rawHeaders) > 1) throw Errors.badAuthorizationHeader();
    const parts = (req.authorization ?? '').split(ASCII_WHITESPACE).filter((p) => p !== '');
    if (parts.length === 0 || !this.headerTypes.has(parts[0])) throw Errors.notAuthenticated();
    if (parts.length !== 2) throw Errors.badAuthorizationHeader();
    return parts[1];
  }
}

/** Node keeps only the first of repeated Authorization headers; two must never authenticate. */
function countAuthorization(rawHeaders: string[]): number {
  let n = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].length === 13 && rawHeaders[i].toLowerCase() === 'authorization') n += 1;
  }
  return n;
}
