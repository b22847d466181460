import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { ValidToken } from '../common/token-types';
import { Clock } from '../common/clock';
import { ClientContext } from '../common/client-context.decorator';
import { Errors, MSG } from '../common/errors';
import { SessionsConfig } from '../config/sessions.config';
import { SecurityEventsService } from '../security-events/security-events.service';
import { PrincipalUser } from '../common/principal';
import { RevocationService } from './revocation.service';
import { SessionRepository } from './session.repository';
import { SessionStateCache } from './session-state.cache';
import { FamilyToken } from './session';
import { SessionUses } from './session-uses';

/** The claim that names a token's session. */
export const SID_CLAIM = 'sid';
const SID = /^[0-9a-f]{32}$/;

/** A token's session id: the string, undefined when the token has none, null when the claim is malformed. */
export function sidOf(claims: Record<string, unknown>): string | undefined | null {
  if (!Object.hasOwn(claims, SID_CLAIM)) return undefined;
  const sid = claims[SID_CLAIM];
  return typeof sid === 'string' && SID.test(sid) ? sid : null;
}

/**
 * Sessions as the token endpoints use them: a login starts one, a refresh finds (or, for a token minted
 * without a session, creates) it and enforces revocation and the absolute cap, a rotation records the
 * successor, and a rotated-out token presented again revokes the family (outside JWT_REUSE_GRACE).
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly revocation: RevocationService,
    private readonly states: SessionStateCache,
    private readonly uses: SessionUses,
    private readonly events: SecurityEventsService,
    private readonly config: SessionsConfig,
    private readonly clock: Clock,
  ) {}

  newSid(): string {
    return randomBytes(16).toString('hex');
  }

  /** A login: the session and its first token (refresh or sliding), usable until `usableUntil` (epoch s). */
  async start(
    sid: string,
    user: PrincipalUser,
    jti: string,
    usableUntil: number,
    client?: ClientContext,
  ): Promise<void> {
    const now = this.clock.now();
    await this.sessions.insertSession({
      id: sid,
      userId: user.id,
      createdAt: new Date(now),
      expiresAt: new Date(now + this.config.maxLifetime * 1000),
      refreshExpiresAt: new Date(usableUntil * 1000),
      ip: client?.ip ?? null,
      userAgent: client?.userAgent ?? null,
    });
    await this.sessions.insertToken(jti, sid);
    await this.events.record({
      type: 'login_succeeded',
      userId: user.id,
      username: user.username,
      sessionId: sid,
      ...client,
    });
  }

  /**
   * The session a refresh (or sliding) token belongs to, ready to be used: revoked -> 401 blacklisted,
   * past JWT_SESSION_MAX_LIFETIME -> 401 token_not_valid. A token without `sid` (minted by simplejwt or
   * forged with the key) joins a session derived from its jti on its first refresh, capped from its `iat`.
   */
  async forRefresh(token: ValidToken, user: PrincipalUser, client?: ClientContext): Promise<string> {
    return (await this.existingFor(token, user))?.sid ?? this.joinFor(token, user, client);
  }

  /**
   * As forRefresh, one read; null when the token belongs to no session yet (then `joinFor`). `rotated`:
   * the token was rotated out already (so, with JWT_BLACKLIST_AFTER_ROTATION, it is blacklisted).
   */
  async existingFor(
    token: ValidToken,
    user: PrincipalUser,
  ): Promise<{ sid: string; rotated: boolean } | null> {
    const family = await this.sessions.findByJti(token.jti);
    return family && { sid: this.usable(family, user), rotated: family.rotatedAt !== null };
  }

  /** The token joins its session (see forRefresh); call it only for a token that is not blacklisted. */
  async joinFor(token: ValidToken, user: PrincipalUser, client?: ClientContext): Promise<string> {
    const sid = await this.join(token, user, client);
    const family = await this.sessions.findByJti(token.jti);
    if (!family) throw Errors.tokenNotValid(`Session ${sid} is gone`);
    return this.usable(family, user);
  }

  /**
   * A refresh that did not rotate (rotation off; sliding refresh, whose token now lasts until `usableUntil`).
   * Without `usableUntil` nothing is awaited: the last use and the event are written behind, in batches.
   */
  async used(sid: string, user: PrincipalUser, client?: ClientContext, usableUntil?: number): Promise<void> {
    const at = new Date(this.clock.now());
    if (usableUntil === undefined) await this.uses.used(sid, at);
    else await this.sessions.touch(sid, at, new Date(usableUntil * 1000));
    await this.events.recordBehind({ type: 'refresh', userId: user.id, sessionId: sid, ...client });
  }

  loginFailed(username: string, client?: ClientContext): Promise<void> {
    return this.events.record({ type: 'login_failed', username, ...client });
  }

  /**
   * After the token blacklist recorded the rotation (the presented token blacklisted by this request, the
   * successor outstanding): the presented token is marked rotated out and the successor joins the family.
   */
  recordRotation(sid: string, oldJti: string, successorJti: string, successorExp: number): Promise<void> {
    const r = {
      sessionId: sid,
      oldJti,
      successorJti,
      successorExp: new Date(successorExp * 1000),
      at: new Date(this.clock.now()),
    };
    return this.sessions.recordRotation(r);
  }

  /** The rotation's event, written behind (recordRotation touched the session already). */
  rotated(sid: string, user: PrincipalUser, client?: ClientContext): Promise<void> {
    return this.events.recordBehind({
      type: 'refresh',
      userId: user.id,
      sessionId: sid,
      detail: 'rotated',
      ...client,
    });
  }

  /**
   * A blacklisted refresh token was presented. If it was rotated out (not logged out), that is reuse:
   * the whole family is revoked, unless it was rotated less than JWT_REUSE_GRACE ago. True: it was revoked.
   */
  async rejectedReuse(token: ValidToken, client?: ClientContext): Promise<boolean> {
    const family = await this.sessions.findByJti(token.jti);
    if (!family || family.rotatedAt === null || family.revokedAt !== null) return false;
    if (this.clock.now() - family.rotatedAt.getTime() < this.config.reuseGrace * 1000) return false;
    return this.revocation.revokeSession(
      family.sessionId,
      family.userId,
      'reuse',
      { client },
      'reuse_detected',
    );
  }

  /** Logout: the token's session ends (all its tokens, access tokens included). */
  async logout(token: ValidToken, userId: number | null, client?: ClientContext): Promise<void> {
    const family = await this.sessions.findByJti(token.jti);
    if (!family) {
      await this.events.record({ type: 'logout', userId, detail: 'session-less token', ...client });
      return;
    }
    await this.revocation.revokeSession(family.sessionId, family.userId, 'logout', { client }, 'logout');
  }

  /** Verify: a token of a revoked or unknown session is blacklisted. */
  async isRevoked(token: ValidToken): Promise<boolean> {
    const sid = sidOf(token.claims);
    if (sid === undefined) return false;
    return sid === null || (await this.states.get(sid)).revoked;
  }

  /** A session-less token of this user issued at or before the user's cutoff is dead. */
  async sessionlessRevoked(token: ValidToken, userId: number): Promise<boolean> {
    const cutoff = await this.sessions.findCutoff(userId);
    if (!cutoff) return false;
    const iat = token.claims.iat;
    return !(typeof iat === 'number' && iat > Math.floor(cutoff.getTime() / 1000));
  }

  private usable(family: FamilyToken, user: PrincipalUser): string {
    if (family.userId !== user.id || family.revokedAt !== null) throw Errors.tokenNotValid(MSG.blacklisted);
    if (this.clock.now() >= family.expiresAt.getTime()) throw Errors.tokenNotValid();
    return family.sessionId;
  }

  private async join(token: ValidToken, user: PrincipalUser, client?: ClientContext): Promise<string> {
    const claimed = sidOf(token.claims);
    if (claimed === null) throw Errors.tokenNotValid();
    if (claimed !== undefined) {
      const session = await this.sessions.findSession(claimed);
      if (!session || session.userId !== user.id) throw Errors.tokenNotValid();
      await this.sessions.insertToken(token.jti, claimed);
      return claimed;
    }
    if (await this.sessionlessRevoked(token, user.id)) throw Errors.tokenNotValid(MSG.blacklisted);
    const sid = createHash('sha256').update(`session-of:${user.id}:${token.jti}`).digest('hex').slice(0, 32);
    const iat = typeof token.claims.iat === 'number' ? token.claims.iat * 1000 : this.clock.now();
    await this.sessions.insertSession({
      id: sid,
      userId: user.id,
      createdAt: new Date(this.clock.now()),
      expiresAt: new Date(Math.min(iat, this.clock.now()) + this.config.maxLifetime * 1000),
      refreshExpiresAt: new Date(token.exp * 1000),
      ip: client?.ip ?? null,
      userAgent: client?.userAgent ?? null,
    });
    await this.sessions.insertToken(token.jti, sid);
    return sid;
  }
}
