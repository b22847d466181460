import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ClientContext } from '../common/client-context.decorator';
import { BastionMetrics } from '../metrics/bastion-metrics';
import { SecurityEventsService } from '../security-events/security-events.service';
import { SecurityEventType } from '../security-events/security-event';
import { RevocationBus } from '../revocation/revocation-bus';
import { SessionRepository } from './session.repository';

/** Who asked for a revocation, for the audit trail. */
export interface Actor {
  client?: ClientContext;
  /** The session that asked (kept, or the one revoked). */
  sessionId?: string | null;
}

export interface RevokeUserOptions {
  /** A session to keep (password change keeps the current one). */
  exceptSid?: string | null;
  reason: string;
  /** Also kill the user's session-less tokens issued until now (tokens minted elsewhere, without `sid`). */
  sessionless: boolean;
  event?: SecurityEventType;
}

/** What else ends when every session of a user does (their API keys: ApiKeysService registers one). */
export type UserRevocationHook = (userId: number, reason: string, actor: Actor) => Promise<void>;

/**
 * Revokes sessions in the database, then tells every instance at once, and records it. Ending every
 * session of a user (log out everywhere, an admin's revocation, a password change, deactivation,
 * deletion) also runs the registered hooks.
 */
@Injectable()
export class RevocationService {
  private readonly hooks: UserRevocationHook[] = [];

  constructor(
    private readonly sessions: SessionRepository,
    private readonly bus: RevocationBus,
    private readonly events: SecurityEventsService,
    private readonly clock: Clock,
    private readonly metrics: BastionMetrics,
  ) {}

  /** True for the caller that revoked it (false: already revoked or unknown). */
  async revokeSession(
    sid: string,
    userId: number,
    reason: string,
    actor: Actor,
    event: SecurityEventType = 'session_revoked',
  ): Promise<boolean> {
    const won = await this.sessions.revoke(sid, reason, new Date(this.clock.now()));
    if (!won) return false;
    this.metrics.revoked(reason);
    await this.bus.publish({ kind: 'sessions', sids: [sid] });
    await this.record(event, userId, sid, actor, reason);
    return true;
  }

  /** Revokes every session of the user (but `exceptSid`); the number revoked. */
  async revokeUser(userId: number, o: RevokeUserOptions, actor: Actor = {}): Promise<number> {
    const at = new Date(this.clock.now());
    if (o.sessionless) await this.sessions.raiseCutoff(userId, at);
    const sids = await this.sessions.revokeAllOfUser(userId, o.exceptSid ?? null, o.reason, at);
    this.metrics.revoked(o.reason, sids.length);
    if (sids.length > 0) await this.bus.publish({ kind: 'sessions', sids });
    if (o.sessionless) await this.bus.publish({ kind: 'user', userId });
    await this.record(
      o.event ?? 'sessions_revoked',
      userId,
      actor.sessionId ?? null,
      actor,
      `${o.reason}: ${sids.length}`,
    );
    for (const hook of this.hooks) await hook(userId, o.reason, actor);
    return sids.length;
  }

  /** `hook` runs after every revokeUser (registered once, at start). */
  onRevokeUser(hook: UserRevocationHook): void {
    this.hooks.push(hook);
  }

  /** Session-less tokens of the user issued at or before this are dead; null: no cutoff. */
  cutoffOf(userId: number): Promise<Date | null> {
    return this.sessions.findCutoff(userId);
  }

  /** The user row changed (active flag, staff flag, deletion): every instance re-reads it. */
  userChanged(userId: number): Promise<void> {
    return this.bus.publish({ kind: 'user', userId });
  }

  private record(
    type: SecurityEventType,
    userId: number,
    sid: string | null,
    actor: Actor,
    detail: string,
  ): Promise<void> {
    return this.events.record({
      type,
      userId,
      sessionId: sid,
      ip: actor.client?.ip,
      userAgent: actor.client?.userAgent,
      actorId: actor.client?.actorId,
      actorKey: actor.client?.actorKey,
      detail,
    });
  }
}
