import { Injectable } from '@nestjs/common';
import { ValidToken } from '../common/token-types';
import { Errors, MSG } from '../common/errors';
import { UserEntity } from '../users/entities/user.entity';
import { sidOf } from '../sessions/session.service';
import { SessionStateCache } from '../sessions/session-state.cache';
import { UserStateCache } from '../users/user-state.cache';

/**
 * The guard's revocation check for a validated access token, from memory for hot users and sessions:
 * the user must exist and be active (401 user_not_found / user_inactive), the token's session must be
 * live, and a session-less token must be newer than the user's cutoff (else 401 "Token is blacklisted").
 */
@Injectable()
export class AccessGate {
  constructor(
    private readonly users: UserStateCache,
    private readonly sessions: SessionStateCache,
  ) {}

  async admit(token: ValidToken): Promise<UserEntity> {
    const { user, cutoff } = this.users.peek(token.claims) ?? (await this.users.forClaims(token.claims));
    if (!user) throw Errors.userNotFound();
    if (!user.isActive) throw Errors.userInactive();
    const sid = sidOf(token.claims);
    if (sid === undefined) {
      const iat = token.claims.iat;
      if (cutoff !== null && !(typeof iat === 'number' && iat > cutoff))
        throw Errors.accessTokenRejected(MSG.blacklisted);
      return user;
    }
    if (sid === null) throw Errors.accessTokenRejected(MSG.blacklisted);
    const session = this.sessions.peek(sid) ?? (await this.sessions.get(sid));
    if (session.revoked || session.userId !== user.id) throw Errors.accessTokenRejected(MSG.blacklisted);
    return user;
  }
}
