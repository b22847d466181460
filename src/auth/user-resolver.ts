import { Injectable } from '@nestjs/common';
import { Errors } from '../common/errors';
import { JwtConfig } from '../config/jwt.config';
import { UserEntity } from '../users/entities/user.entity';
import { Claims } from '../common/token-types';
import { readUserClaim } from '../users/user-claim';
import { UserStateCache } from '../users/user-state.cache';

/** Between tokens and users: what a token's user claim holds, and which user it names. */
@Injectable()
export class UserResolver {
  constructor(
    private readonly config: JwtConfig,
    private readonly states: UserStateCache,
  ) {}

  /** The value of the user claim for a user (USER_ID_FIELD). */
  claimFor(user: UserEntity): number | string {
    return this.config.userIdField === 'id' ? user.id : user.username;
  }

  /**
   * The user the token names: 401 user_not_found / user_inactive otherwise. Read through the guard's
   * user cache (a change made through the app applies at once on every instance; see UserStateCache).
   */
  async requireActive(claims: Claims): Promise<UserEntity> {
    const { user } = this.states.peek(claims) ?? (await this.states.forClaims(claims));
    if (!user) throw Errors.userNotFound();
    if (!user.isActive) throw Errors.userInactive();
    return user;
  }

  /** The numeric user id a token names, when it names one by id; null otherwise (never throws). */
  idOrNull(claims: Claims): number | null {
    try {
      const ref = readUserClaim(claims, this.config);
      return ref.by === 'id' ? ref.id : null;
    } catch {
      return null;
    }
  }
}
