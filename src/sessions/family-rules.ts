import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ClientContext } from '../common/client-context.decorator';
import { Clock } from '../common/clock';
import { Errors } from '../common/errors';
import { PrincipalUser } from '../common/principal';
import { ValidToken } from '../common/token-types';
import { SessionsConfig } from '../config/sessions.config';
import { SecurityEventsService } from '../security-events/security-events.service';
import { RefusedRefresh } from './refused-refresh';
import { RevocationService } from './revocation.service';
import { FamilyToken, NewSession } from './session';
import { SessionRepository } from './session.repository';
import { sidOf } from './sid';
import { TokenFamilyRepository } from './token-family.repository';

/**
 * The rules of a token's family off the one-statement path: which session a token belongs to (joining one
 * for a token that has none), when a session refuses it, and reuse of a rotated-out token (its family is
 * revoked, outside JWT_REUSE_GRACE).
 */
@Injectable()
export class FamilyRules {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly families: TokenFamilyRepository,
    private readonly revocation: RevocationService,
    private readonly events: SecurityEventsService,
    private readonly config: SessionsConfig,
    private readonly clock: Clock,
  ) {}

  /** A new session's row: capped JWT_SESSION_MAX_LIFETIME after `from` (ms, default now). */
  newSession(
    sid: string,
    userId: number,
    usableUntil: number,
    client?: ClientContext,
    from?: number,
  ): NewSession {
    const now = this.clock.now();
    return {
      id: sid,
      userId,
      createdAt: new Date(now),
      expiresAt: new Date(Math.min(from ?? now, now) + this.config.maxLifetime * 1000),
      refreshExpiresAt: new Date(usableUntil * 1000),
      ip: client?.ip ?? null,
      userAgent: client?.userAgent ?? null,
    };
  }

  /** The family's session id if the user may use it: revoked or someone else's -> blacklisted, capped -> 401. */
  sessionIdIfUsable(family: FamilyToken, user: PrincipalUser): string {
    if (family.userId !== user.id || family.revokedAt !== null) throw new RefusedRefresh();
    if (this.clock.now() >= family.expiresAt.getTime()) throw Errors.tokenNotValid();
    return family.sessionId;
  }

  /**
   * The session of a token that has no family row yet: the one its `sid` names (the user's), or, for a
   * token without `sid` (minted by simplejwt, or forged with the key), one derived from its jti, capped
   * from its `iat`. Call it only for a token that is not blacklisted.
   */
  async join(token: ValidToken, user: PrincipalUser, client?: ClientContext): Promise<string> {
    const sid = await this.joinedSessionId(token, user, client);
    const family = await this.families.findFamily(token.jti);
    if (!family) throw Errors.tokenNotValid(`Session ${sid} is gone`);
    return this.sessionIdIfUsable(family, user);
  }

  /** Throws the blacklisted refusal when the token is blacklisted. */
  async refuseIfBlacklisted(token: ValidToken, client?: ClientContext): Promise<void> {
    if (await this.families.isBlacklisted(token.jti)) await this.refuseBlacklisted(token, client);
  }

  /**
   * 401 "Token is blacklisted". A rotated-out token presented again (not logged out) is reuse: the whole
   * family is revoked first, unless it was rotated less than JWT_REUSE_GRACE ago.
   */
  async refuseBlacklisted(token: ValidToken, client?: ClientContext): Promise<never> {
    const family = await this.families.findFamily(token.jti);
    const reuse =
      family !== null &&
      family.rotatedAt !== null &&
      family.revokedAt === null &&
      this.clock.now() - family.rotatedAt.getTime() >= this.config.reuseGrace * 1000 &&
      (await this.revocation.revokeSession(
        family.sessionId,
        family.userId,
        'reuse',
        { client },
        'reuse_detected',
      ));
    throw new RefusedRefresh(reuse ? 'reuse_detected' : 'blacklisted');
  }

  /** Logout's second step (the token is blacklisted): the token's session ends, all its tokens with it. */
  async endSession(token: ValidToken, userId: number | null, client?: ClientContext): Promise<void> {
    const family = await this.families.findFamily(token.jti);
    if (!family) {
      await this.events.record({ type: 'logout', userId, detail: 'session-less token', ...client });
      return;
    }
    await this.revocation.revokeSession(family.sessionId, family.userId, 'logout', { client }, 'logout');
  }

  /** A session-less token of this user issued at or before the user's cutoff is dead. */
  async sessionlessRevoked(token: ValidToken, userId: number): Promise<boolean> {
    const cutoff = await this.sessions.findCutoff(userId);
    if (!cutoff) return false;
    const iat = token.claims.iat;
    return !(typeof iat === 'number' && iat > Math.floor(cutoff.getTime() / 1000));
  }

  private async joinedSessionId(
    token: ValidToken,
    user: PrincipalUser,
    client?: ClientContext,
  ): Promise<string> {
    const claimed = sidOf(token.claims);
    if (claimed === null) throw Errors.tokenNotValid();
    if (claimed !== undefined) {
      const session = await this.sessions.findSession(claimed);
      if (!session || session.userId !== user.id) throw Errors.tokenNotValid();
      await this.families.join(token.jti, claimed);
      return claimed;
    }
    if (await this.sessionlessRevoked(token, user.id)) throw new RefusedRefresh();
    const sid = createHash('sha256').update(`session-of:${user.id}:${token.jti}`).digest('hex').slice(0, 32);
    const iat = typeof token.claims.iat === 'number' ? token.claims.iat * 1000 : this.clock.now();
    await this.sessions.insertSession(this.newSession(sid, user.id, token.exp, client, iat));
    await this.families.join(token.jti, sid);
    return sid;
  }
}
