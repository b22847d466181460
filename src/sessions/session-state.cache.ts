import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { JwtConfig } from '../config/jwt.config';
import { RevocationBus } from '../revocation/revocation-bus';
import { SessionRepository } from './session.repository';
import { TtlCache } from '../common/ttl-cache';

/** What the guard needs to know of a session. Unknown sessions (flushed, never ours) are `revoked`. */
export interface SessionState {
  userId: number | null;
  revoked: boolean;
}

/** A live session is re-read at most this often even if a broadcast were lost. */
const LIVE_TTL_MS = 10_000;
const MAX_ENTRIES = 100_000;

/**
 * sid -> state, in memory. Hot sessions cost no database round trip; revocations arrive through the
 * RevocationBus and apply at once. Revoked entries live as long as an access token can (ACCESS
 * lifetime), so the cache stays bounded by the access lifetime.
 */
@Injectable()
export class SessionStateCache {
  private readonly cache: TtlCache<SessionState>;

  constructor(
    private readonly sessions: SessionRepository,
    private readonly jwt: JwtConfig,
    clock: Clock,
    bus: RevocationBus,
  ) {
    this.cache = new TtlCache(MAX_ENTRIES, () => clock.now());
    bus.onMessage((m) => {
      if (m.kind === 'sessions') for (const sid of m.sids) this.markRevoked(sid);
      else if (m.kind === 'user') this.cache.invalidate((_, v) => v.userId === m.userId);
      else this.cache.invalidate();
    });
  }

  /** The cached state without waiting; undefined when it must be loaded. */
  peek(sid: string): SessionState | undefined {
    return this.cache.peek(sid);
  }

  get(sid: string): Promise<SessionState> {
    return this.cache.get(
      sid,
      () => this.load(sid),
      (s) => this.ttl(s),
    );
  }

  private markRevoked(sid: string): void {
    this.cache.invalidate((key) => key === sid);
    this.cache.set(sid, { userId: null, revoked: true }, this.ttl({ userId: null, revoked: true }));
  }

  private async load(sid: string): Promise<SessionState> {
    const session = await this.sessions.findSession(sid);
    return session
      ? { userId: session.userId, revoked: session.revokedAt !== null }
      : { userId: null, revoked: true };
  }

  private ttl(s: SessionState): number {
    return s.revoked ? (this.jwt.accessLifetime + this.jwt.leeway) * 1000 : LIVE_TTL_MS;
  }
}
