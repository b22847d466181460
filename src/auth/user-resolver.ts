import { Injectable } from '@nestjs/common';
import { Errors } from '../common/errors';
import { JwtConfig } from '../config/jwt.config';
import { UserEntity } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { Claims } from '../common/token-types';
import { readUserClaim } from '../users/user-claim';

/** Between tokens and users: what a token's user claim holds, and which user it names. */
@Injectable()
export class UserResolver {
  constructor(
    private readonly config: JwtConfig,
    private readonly users: UsersService,
  ) {}

  /** The value of the user claim for a user (USER_ID_FIELD). */
  claimFor(user: UserEntity): number | string {
    return this.config.userIdField === 'id' ? user.id : user.username;
  }

  /** The user the token names: 401 user_not_found / user_inactive otherwise. */
  async requireActive(claims: Claims): Promise<UserEntity> {
    const ref = readUserClaim(claims, this.config);
    const user =
      ref.by === 'id'
        ? await this.users.findById(ref.id)
        : ref.by === 'username'
          ? await this.users.findByUsername(ref.username)
          : null;
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
