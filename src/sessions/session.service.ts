import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ClientContext } from '../common/client-context.decorator';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Errors, MSG } from '../common/errors';
import { PrincipalUser } from '../common/principal';
import { ValidToken } from '../common/token-types';
import { SecurityEventsService } from '../security-events/security-events.service';
import { FamilyRules } from './family-rules';
import { RefusedRefresh } from './refused-refresh';
import { IssuedToken } from './session';
import { SessionStateCache } from './session-state.cache';
import { SessionUses } from './session-uses';
import { newSid, sidOf } from './sid';
import { TokenFamilyRepository, TokenRecord } from './token-family.repository';

export { SID_CLAIM, sidOf } from './sid';

/** Resolves the token's user (the caller's rules: unknown, inactive), asked at the point simplejwt asks. */
export type UserLookup = () => Promise<PrincipalUser>;

/**
 * A session's tokens, in use cases: a login begins a session, a refresh uses it (or rotates its token),
 * a logout ends it, verify asks whether a token is still good. Each use case is one call; on the happy
 * path each waits on one statement (TokenFamilyRepository); refusals and first refreshes of tokens minted
 * elsewhere take the step-by-step path (FamilyRules).
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly families: TokenFamilyRepository,
    private readonly rules: FamilyRules,
    private readonly states: SessionStateCache,
    private readonly uses: SessionUses,
    private readonly events: SecurityEventsService,
    private readonly clock: Clock,
  ) {}

  /** A login: a new session and its first token (`issue` signs it for the session id), one write. */
  async begin<T extends IssuedToken>(
    user: PrincipalUser,
    issue: (sid: string) => T,
    client?: ClientContext,
  ): Promise<T> {
    const sid = newSid();
    const token = issue(sid);
    const session = this.rules.newSession(sid, user.id, token.usableUntil, client);
    await this.families.begin(session, issued(token, user.id));
    const { username } = user;
    await this.events.recordBehind({
      type: 'login_succeeded',
      userId: user.id,
      username,
      sessionId: sid,
      ...client,
    });
    return token;
  }

  /**
   * A refresh without rotation: blacklist and session in one read (a blacklisted token is refused before
   * its user is looked up, as simplejwt does); the last use and the event are written behind.
   */
  async refresh(token: ValidToken, user: UserLookup, client?: ClientContext): Promise<string> {
    const { family, blacklisted } = await this.families.readForRefresh(token.jti);
    if (blacklisted) return this.rules.refuseBlacklisted(token, client);
    const u = await user();
    const sid = family ? this.rules.sessionIdIfUsable(family, u) : await this.rules.join(token, u, client);
    await this.uses.recordBehind(sid, new Date(this.clock.now()));
    await this.events.recordBehind({ type: 'refresh', userId: u.id, sessionId: sid, ...client });
    return sid;
  }

  /**
   * A rotation: the presented token blacklisted (when `blacklistOld`), its successor (`issue` signs it for
   * the session id) recorded in its family, in one statement that exactly one of parallel callers wins.
   */
  async rotate<T extends IssuedToken>(
    token: ValidToken,
    user: UserLookup,
    issue: (sid: string) => T,
    blacklistOld: boolean,
    client?: ClientContext,
  ): Promise<{ sid: string; successor: T }> {
    const u = await this.userOrBlacklisted(token, user, client);
    const claimed = sidOf(token.claims);
    if (claimed) {
      const successor = issue(claimed);
      const { rotated, family } = await this.rotateIn(claimed, token, u, successor, blacklistOld);
      if (rotated) return this.rotatedOut(claimed, u, successor, client);
      // read by the statement: usable and not rotated out, yet not won: a parallel refresh won it
      if (family?.sessionId === claimed && family.rotatedAt === null && this.usableBy(family, u))
        throw new RefusedRefresh();
    }
    const sid = await this.sessionOfRotating(token, u, client);
    const successor = issue(sid);
    const { rotated } = await this.rotateIn(sid, token, u, successor, blacklistOld);
    if (!rotated) return this.rules.refuseBlacklisted(token, client);
    return this.rotatedOut(sid, u, successor, client);
  }

  /** A sliding refresh: one read, then the session's newest token extended to `issue`'s usableUntil. */
  async slide(
    token: ValidToken,
    user: UserLookup,
    issue: (sid: string) => IssuedToken,
    client?: ClientContext,
  ): Promise<string> {
    const { family, blacklisted } = await this.families.readForRefresh(token.jti);
    if (blacklisted) throw Errors.tokenNotValid(MSG.blacklisted);
    const u = await user();
    const sid = family ? this.rules.sessionIdIfUsable(family, u) : await this.rules.join(token, u, client);
    const slid = issue(sid);
    await this.uses.extend(sid, new Date(this.clock.now()), new Date(slid.usableUntil * 1000));
    await this.events.recordBehind({ type: 'refresh', userId: u.id, sessionId: sid, ...client });
    return slid.token;
  }

  /** Logout: exactly one of concurrent calls for one token succeeds; the token's session ends. */
  async end(token: ValidToken, userId: number | null, client?: ClientContext): Promise<void> {
    if (await this.families.isBlacklisted(token.jti)) return this.rules.refuseBlacklisted(token, client);
    if (!(await this.families.blacklistIfAbsent(presented(token, userId))))
      throw Errors.tokenNotValid(MSG.blacklisted);
    await this.rules.endSession(token, userId, client);
  }

  /** Verify: false for a blacklisted token, or one of a revoked or unknown session. */
  async verify(token: ValidToken): Promise<boolean> {
    if (await this.families.isBlacklisted(token.jti)) return false;
    const sid = sidOf(token.claims);
    if (sid === undefined) return true;
    return sid !== null && !(await this.states.get(sid)).revoked;
  }

  /** A refused login, in the audit trail (written at once). */
  loginFailed(username: string, client?: ClientContext): Promise<void> {
    return this.events.record({ type: 'login_failed', username, ...client });
  }

  private rotateIn(
    sid: string,
    token: ValidToken,
    user: PrincipalUser,
    successor: IssuedToken,
    blacklistOld: boolean,
  ) {
    return this.families.rotate({
      sessionId: sid,
      userId: user.id,
      old: presented(token, user.id),
      successor: issued(successor, user.id),
      blacklistOld,
      at: new Date(this.clock.now()),
    });
  }

  private async rotatedOut<T>(
    sid: string,
    user: PrincipalUser,
    successor: T,
    client?: ClientContext,
  ): Promise<{ sid: string; successor: T }> {
    const event = { type: 'refresh', userId: user.id, sessionId: sid, detail: 'rotated', ...client } as const;
    await this.events.recordBehind(event);
    return { sid, successor };
  }

  /**
   * Off the one-statement path: the token's session. The blacklist was not read yet, so a refusal here, a
   * token rotated out already, or a token about to join a session asks it first: a blacklisted token is
   * refused as blacklisted (and a rotated-out one may revoke its family), and creates no session.
   */
  private async sessionOfRotating(
    token: ValidToken,
    user: PrincipalUser,
    client?: ClientContext,
  ): Promise<string> {
    let sid: string | null = null;
    let rotatedOut = false;
    try {
      const family = await this.families.findFamily(token.jti);
      if (family) {
        sid = this.rules.sessionIdIfUsable(family, user);
        rotatedOut = family.rotatedAt !== null;
      }
    } catch (e) {
      if (isRefusal(e)) await this.rules.refuseIfBlacklisted(token, client);
      throw e;
    }
    if (sid !== null && !rotatedOut) return sid;
    await this.rules.refuseIfBlacklisted(token, client);
    return sid ?? this.rules.join(token, user, client);
  }

  /** The token's user; a refusal (unknown, inactive) of a blacklisted token is the blacklisted refusal. */
  private async userOrBlacklisted(
    token: ValidToken,
    user: UserLookup,
    client?: ClientContext,
  ): Promise<PrincipalUser> {
    try {
      return await user();
    } catch (e) {
      if (isRefusal(e)) await this.rules.refuseIfBlacklisted(token, client);
      throw e;
    }
  }

  private usableBy(
    family: { userId: number; revokedAt: Date | null; expiresAt: Date },
    user: PrincipalUser,
  ): boolean {
    return (
      family.userId === user.id && family.revokedAt === null && this.clock.now() < family.expiresAt.getTime()
    );
  }
}

/** A refusal decided by a rule (not an outage). */
function isRefusal(e: unknown): boolean {
  return e instanceof DomainError && e.code !== 'service_unavailable';
}

/** A presented token as the token tables record it (its SHA-256, never the token). */
function presented(t: ValidToken, userId: number | null): TokenRecord {
  return { jti: t.jti, userId, tokenSha256: sha256(t.raw), expiresAt: new Date(t.exp * 1000) };
}

function issued(t: IssuedToken, userId: number): TokenRecord {
  return { jti: t.jti, userId, tokenSha256: sha256(t.token), expiresAt: new Date(t.usableUntil * 1000) };
}

function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
