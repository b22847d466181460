import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { TokenType, ValidToken } from '../common/token-types';
import { JwtConfig } from '../config/jwt.config';
import { SessionService } from '../sessions/session.service';
import { UserEntity } from '../users/entities/user.entity';
import { AccessGate } from './access-gate';
import { TokenError } from './token-error';
import { TokenValidator } from './token-validator';

/** A token that is valid now, with its type and user. */
export interface LiveToken {
  token: ValidToken;
  type: TokenType;
  user: UserEntity;
}

const TYPES: ReadonlySet<unknown> = new Set<TokenType>(['access', 'refresh', 'sliding']);

/**
 * RFC 7662's question, "is this token active now?", answered as Bastion's own routes would: a valid
 * signature and times, a known type, an existing active user, a live session (or, session-less, issued
 * after the user's revoke-all), and for refresh and sliding tokens not blacklisted. Any refusal is
 * simply "not active" (null); only an outage (503) is thrown.
 */
@Injectable()
export class TokenIntrospector {
  constructor(
    private readonly validator: TokenValidator,
    private readonly gate: AccessGate,
    private readonly sessions: SessionService,
    private readonly config: JwtConfig,
  ) {}

  async introspect(raw: string): Promise<LiveToken | null> {
    let token: ValidToken;
    try {
      token = this.validator.validate(raw, null);
    } catch (e) {
      if (e instanceof TokenError) return null;
      throw e;
    }
    const type = token.claims[this.config.tokenTypeClaim];
    if (!TYPES.has(type)) return null;
    try {
      const user = await this.gate.admit(token);
      if (type !== 'access' && !(await this.sessions.verify(token))) return null;
      return { token, type: type as TokenType, user };
    } catch (e) {
      if (e instanceof DomainError && e.code !== 'service_unavailable') return null;
      throw e;
    }
  }
}
