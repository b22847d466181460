import { Injectable } from '@nestjs/common';
import { ClientContext } from '../common/client-context.decorator';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { claimExpired, Errors, MSG, noClaim } from '../common/errors';
import { JwtConfig } from '../config/jwt.config';
import { MfaPurpose } from '../mfa/mfa-device';
import { SecondFactorProof, SecondFactorService } from '../mfa/second-factor.service';
import { BastionMetrics, RefreshOutcome } from '../metrics/bastion-metrics';
import { SessionService, SID_CLAIM } from '../sessions/session.service';
import { TokenBlacklistService, TrackedToken } from '../token-blacklist/token-blacklist.service';
import { DeviceChannel } from '../traffic/device-channel';
import { LoginAttemptsService } from '../traffic/login-attempts.service';
import { UserEntity } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { TokenError } from './token-error';
import { MintedToken, TokenMinter } from './token-minter';
import { TokenType, ValidToken } from '../common/token-types';
import { TokenValidator } from './token-validator';
import { UserResolver } from './user-resolver';

export interface PairResponse {
  refresh?: string;
  access: string;
}

/** The token endpoints' use cases, as simplejwt's serializers define them. */
@Injectable()
export class TokenService {
  constructor(
    private readonly config: JwtConfig,
    private readonly validator: TokenValidator,
    private readonly minter: TokenMinter,
    private readonly blacklist: TokenBlacklistService,
    private readonly users: UsersService,
    private readonly userResolver: UserResolver,
    private readonly clock: Clock,
    private readonly attempts: LoginAttemptsService,
    private readonly sessions: SessionService,
    private readonly metrics: BastionMetrics,
    private readonly secondFactor: SecondFactorService,
  ) {}

  /** The errors of refusals that revoked a session for reuse (bastion_token_refresh_total's reuse_detected). */
  private readonly reuses = new WeakSet<Error>();

  async obtainPair(
    username: string,
    password: string,
    client: ClientContext,
    device: DeviceChannel,
    otp?: string,
  ): Promise<Required<PairResponse>> {
    return this.issuePair(
      await this.loginAudited({ username, password, otp }, 'pair', client, device),
      client,
    );
  }

  async obtainSliding(
    username: string,
    password: string,
    client: ClientContext,
    device: DeviceChannel,
    otp?: string,
  ): Promise<{ token: string }> {
    return this.issueSliding(
      await this.loginAudited({ username, password, otp }, 'sliding', client, device),
      client,
    );
  }

  /** The login's second step (POST /api/token/mfa/): what the first step asked for, once a factor passes. */
  async completeMfa(
    mfaToken: string,
    proof: SecondFactorProof,
    client: ClientContext,
    device: DeviceChannel,
  ): Promise<Required<PairResponse> | { token: string }> {
    const { user, purpose } = await this.secondFactor.complete(mfaToken, proof, device, client);
    await this.loggedIn(user);
    return purpose === 'sliding' ? this.issueSliding(user, client) : this.issuePair(user, client);
  }

  private async issuePair(user: UserEntity, client: ClientContext): Promise<Required<PairResponse>> {
    const now = this.clock.nowSeconds();
    const sid = this.sessions.newSid();
    const claim = this.userResolver.claimFor(user);
    const refresh = this.minter.forUser('refresh', claim, now, { [SID_CLAIM]: sid });
    await this.blacklist.outstand(tracked(refresh, user.id, refresh.exp));
    await this.sessions.start(sid, user, refresh.jti, refresh.exp, client);
    return { refresh: refresh.token, access: this.minter.accessFrom(refresh.claims, now).token };
  }

  private async issueSliding(user: UserEntity, client: ClientContext): Promise<{ token: string }> {
    const sid = this.sessions.newSid();
    const claim = this.userResolver.claimFor(user);
    const sliding = this.minter.forUser('sliding', claim, this.clock.nowSeconds(), { [SID_CLAIM]: sid });
    const refreshExp = sliding.claims[this.config.slidingRefreshExpClaim] as number;
    await this.blacklist.outstand(tracked(sliding, user.id, refreshExp));
    await this.sessions.start(sid, user, sliding.jti, refreshExp, client);
    return { token: sliding.token };
  }

  /**
   * Rotation off: a new access token. On: also a successor, the presented token blacklisted atomically.
   * Either way within the token's session (SessionService: revoked, capped, reuse of a rotated-out token).
   */
  async refresh(raw: string, client?: ClientContext): Promise<PairResponse> {
    try {
      const response = await this.refreshOnce(raw, client);
      this.metrics.refreshed('success');
      return response;
    } catch (e) {
      this.metrics.refreshed(this.refreshOutcome(e));
      throw e;
    }
  }

  private async refreshOnce(raw: string, client?: ClientContext): Promise<PairResponse> {
    const token = this.validate(raw, 'refresh');
    const rotate = this.config.rotateRefreshTokens;
    // Rotating, the rotation's one statement refuses a blacklisted token (below): no read on the way.
    if (!rotate && (await this.blacklist.isBlacklisted(token.jti)))
      return this.refuseBlacklisted(token, client);
    const { user, sid } = await this.sessionOf(token, rotate, client);
    const now = this.clock.nowSeconds();
    if (!rotate) {
      await this.sessions.used(sid, user, client);
      return { access: this.minter.accessFrom(token.claims, now, { [SID_CLAIM]: sid }).token };
    }
    const successor = this.minter.rotate(token.claims, now, { [SID_CLAIM]: sid });
    const presented = { raw, jti: token.jti, usableUntil: token.exp, userId: user.id };
    const next = tracked(successor, user.id, successor.exp);
    const won = await this.blacklist.rotate(presented, next, this.config.blacklistAfterRotation);
    if (!won) return this.refuseBlacklisted(token, client);
    // Two single statements, no shared transaction: the blacklist above picked the one winner of parallel
    // refreshes, then the session records the rotation. Should this second write fail, the request fails:
    // the old token is blacklisted and the successor outstanding but never handed out (a successor its
    // session does not know would join it through `sid` on its first refresh: SessionService.join). The
    // old token is not marked rotated out, so presented again it is refused as blacklisted with reuse
    // detection skipped: a lost session for this client (log in again), never a wrongly revoked family.
    await this.sessions.recordRotation(sid, token.jti, successor.jti, successor.exp);
    await this.sessions.rotated(sid, user, client);
    const access = this.minter.accessFrom(token.claims, now, { [SID_CLAIM]: sid }).token;
    return { access, refresh: successor.token };
  }

  /**
   * The refresh token's user (from the guard's cache) and session (one read). `blacklistUnread`: the
   * blacklist was not read yet, so a refusal here, a token rotated out already, or a token about to join
   * a session asks it first: a blacklisted token is refused as blacklisted (simplejwt checks the blacklist
   * before the user), before anything is signed, and a blacklisted session-less token creates no session.
   */
  private async sessionOf(
    token: ValidToken,
    blacklistUnread: boolean,
    client?: ClientContext,
  ): Promise<{ user: UserEntity; sid: string }> {
    let user: UserEntity;
    let family: { sid: string; rotated: boolean } | null;
    try {
      user = await this.userResolver.requireActive(token.claims);
      family = await this.sessions.existingFor(token, user);
    } catch (e) {
      const refusal = e instanceof DomainError && e.code !== 'service_unavailable';
      if (blacklistUnread && refusal) await this.refuseIfBlacklisted(token, client);
      throw e;
    }
    if (family && !family.rotated) return { user, sid: family.sid };
    if (blacklistUnread) await this.refuseIfBlacklisted(token, client);
    return { user, sid: family?.sid ?? (await this.sessions.joinFor(token, user, client)) };
  }

  private async refuseIfBlacklisted(token: ValidToken, client?: ClientContext): Promise<void> {
    if (await this.blacklist.isBlacklisted(token.jti)) await this.refuseBlacklisted(token, client);
  }

  /** Any token type. A blacklisted token is a 400, as simplejwt's TokenVerifySerializer says. */
  async verify(raw: string): Promise<Record<string, never>> {
    const token = this.validate(raw, null);
    if (await this.blacklist.isBlacklisted(token.jti)) throw DomainError.nonField(MSG.blacklisted);
    if (await this.sessions.isRevoked(token)) throw DomainError.nonField(MSG.blacklisted);
    return {};
  }

  /** Logout: exactly one of concurrent calls for one token succeeds; the token's session ends. */
  async logout(raw: string, client?: ClientContext): Promise<Record<string, never>> {
    const token = this.validate(raw, 'refresh');
    if (await this.blacklist.isBlacklisted(token.jti)) return this.refuseBlacklisted(token, client);
    const userId = this.userResolver.idOrNull(token.claims);
    const won = await this.blacklist.blacklist({ raw, jti: token.jti, usableUntil: token.exp, userId });
    if (!won) throw Errors.tokenNotValid(MSG.blacklisted);
    await this.sessions.logout(token, userId, client);
    return {};
  }

  async refreshSliding(raw: string, client?: ClientContext): Promise<{ token: string }> {
    const token = await this.validateUnrevoked(raw, 'sliding');
    const claim = this.config.slidingRefreshExpClaim;
    if (!Object.hasOwn(token.claims, claim)) throw Errors.tokenNotValid(noClaim(claim));
    const refreshExp = token.claims[claim];
    if (typeof refreshExp !== 'number' || !Number.isFinite(refreshExp)) throw Errors.tokenNotValid();
    if (refreshExp <= this.clock.now() / 1000 - this.config.leeway)
      throw Errors.tokenNotValid(claimExpired(claim));
    const user = await this.userResolver.requireActive(token.claims);
    const sid = await this.sessions.forRefresh(token, user, client);
    const reslid = this.minter.reslide({ ...token.claims, [SID_CLAIM]: sid }, this.clock.nowSeconds());
    await this.sessions.used(sid, user, client, Math.min(reslid.exp, refreshExp));
    return { token: reslid.token };
  }

  /** A login, with its failure in the security event log (its success is recorded with the session). */
  private async loginAudited(
    credentials: Credentials,
    purpose: MfaPurpose,
    client: ClientContext,
    device: DeviceChannel,
  ): Promise<UserEntity> {
    try {
      return await this.login(credentials, purpose, client, device);
    } catch (e) {
      // Only a refused login is a security event (a due second factor is not one: SecondFactorService
      // records its own); an outage must not wait on a second write.
      if (e instanceof DomainError && e.code === 'authentication_failed' && !isMfaAnswer(e)) {
        await this.sessions.loginFailed(credentials.username, client);
      }
      throw e;
    }
  }

  /** 401 "Token is blacklisted"; a rotated-out token presented again revokes its family first. */
  private async refuseBlacklisted(token: ValidToken, client?: ClientContext): Promise<never> {
    const error = Errors.tokenNotValid(MSG.blacklisted);
    if (await this.sessions.rejectedReuse(token, client)) this.reuses.add(error);
    throw error;
  }

  /** A refused refresh's outcome; an outage (503) or a bug is none. */
  private refreshOutcome(e: unknown): RefreshOutcome | undefined {
    if (!(e instanceof DomainError) || e.code === 'service_unavailable') return undefined;
    if (this.reuses.has(e)) return 'reuse_detected';
    return e.message === MSG.blacklisted ? 'blacklisted' : 'invalid';
  }

  /**
   * A login the brute-force defence refuses still checks the password (same timing) and answers
   * exactly as a wrong one; only real verdicts are counted. A right password of a user with a second
   * factor stays counted until the factor passes too (SecondFactorService). A success renews the
   * device token.
   */
  private async login(
    { username, password, otp }: Credentials,
    purpose: MfaPurpose,
    client: ClientContext,
    device: DeviceChannel,
  ): Promise<UserEntity> {
    const attempt = await this.attempts.begin(username, device);
    const user = await this.users.checkCredentials(username, password);
    if (attempt.refused) {
      this.metrics.login('refused');
      throw Errors.noActiveAccount();
    }
    if (!user) {
      this.metrics.login('failure');
      throw Errors.noActiveAccount();
    }
    await this.secondFactor.gate(user, purpose, otp, client);
    await this.attempts.succeeded(attempt, device);
    await this.loggedIn(user);
    return user;
  }

  private async loggedIn(user: UserEntity): Promise<void> {
    if (this.config.updateLastLogin) await this.users.recordLogin(user);
    this.metrics.login('success');
  }

  private validate(raw: string, type: TokenType | null): ValidToken {
    try {
      return this.validator.validate(raw, type);
    } catch (e) {
      if (e instanceof TokenError) throw Errors.tokenNotValid(e.message);
      throw e;
    }
  }

  private async validateUnrevoked(raw: string, type: TokenType): Promise<ValidToken> {
    const token = this.validate(raw, type);
    if (await this.blacklist.isBlacklisted(token.jti)) throw Errors.tokenNotValid(MSG.blacklisted);
    return token;
  }
}

interface Credentials {
  username: string;
  password: string;
  /** A TOTP code sent with the password (one request instead of two for a user with a factor). */
  otp?: string;
}

/** The 401 of a right password whose second factor is due: not a failed login. */
const isMfaAnswer = (e: DomainError): boolean => e.body.code === 'mfa_required';

function tracked(t: MintedToken, userId: number, usableUntil: number): TrackedToken {
  return { raw: t.token, jti: t.jti, usableUntil, userId };
}
