import { Injectable } from '@nestjs/common';
import { Claims } from '../common/token-types';
import { Clock } from '../common/clock';
import { JwtConfig } from '../config/jwt.config';
import { UserEntity } from './entities/user.entity';
import { UsersService } from './users.service';
import { TtlCache } from '../common/ttl-cache';
import { RevocationBus } from '../revocation/revocation-bus';
import { RevocationService } from '../sessions/revocation.service';
import { readUserClaim, UserRef } from './user-claim';

/** A user as the guard sees it: the row (null: no such user) and the cutoff for session-less tokens. */
export interface UserState {
  user: UserEntity | null;
  /** Epoch seconds: session-less tokens issued at or before this are refused; null: none. */
  cutoff: number | null;
}

/** Re-read at most this often even if a broadcast were lost; a change through the bus applies at once. */
const TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;
const NO_USER: UserState = { user: null, cutoff: null };

/** The short-lived user cache of the guard (active flag, deletion, staff flag, cutoff). */
@Injectable()
export class UserStateCache {
  private readonly cache: TtlCache<UserState>;

  constructor(
    private readonly config: JwtConfig,
    private readonly users: UsersService,
    private readonly revocation: RevocationService,
    clock: Clock,
    bus: RevocationBus,
  ) {
    this.cache = new TtlCache(MAX_ENTRIES, () => clock.now());
    bus.onMessage((m) => {
      if (m.kind === 'user')
        this.cache.invalidate((key, v) => key === `i:${m.userId}` || v.user?.id === m.userId);
      else if (m.kind === 'resync') this.cache.invalidate();
    });
  }

  /** The cached state without waiting; undefined when it must be loaded. Throws like forClaims. */
  peek(claims: Claims): UserState | undefined {
    const ref = readUserClaim(claims, this.config);
    if (ref.by === 'none') return NO_USER;
    return this.cache.peek(ref.by === 'id' ? `i:${ref.id}` : `u:${ref.username}`);
  }

  /** The state of the user the token names; throws token_not_valid when the claim cannot name a user. */
  forClaims(claims: Claims): Promise<UserState> {
    const ref = readUserClaim(claims, this.config);
    if (ref.by === 'none') return Promise.resolve(NO_USER);
    return this.load(ref.by === 'id' ? `i:${ref.id}` : `u:${ref.username}`, ref);
  }

  /** The cached state of the user with this id without waiting (API keys name their owner by id). */
  peekId(id: number): UserState | undefined {
    return this.cache.peek(`i:${id}`);
  }

  ofId(id: number): Promise<UserState> {
    return this.load(`i:${id}`, { by: 'id', id });
  }

  private load(key: string, ref: Exclude<UserRef, { by: 'none' }>): Promise<UserState> {
    return this.cache.get(
      key,
      async () => {
        const user =
          ref.by === 'id' ? await this.users.findById(ref.id) : await this.users.findByUsername(ref.username);
        const cutoff = user ? await this.revocation.cutoffOf(user.id) : null;
        return { user, cutoff: cutoff ? Math.floor(cutoff.getTime() / 1000) : null };
      },
      () => TTL_MS,
    );
  }
}
