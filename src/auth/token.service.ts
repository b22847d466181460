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
import { RefusedRefresh } from '../sessions/refused-refresh';
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
    private readonly users: UsersService,
    private readonly userResolver: UserResolver,
    private readonly clock: Clock,
    private readonly attempts: LoginAttemptsService,
    private readonly sessions: SessionService,
    private readonly metrics: BastionMetrics,
    private readonly secondFactor: SecondFactorService,
  ) {}

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
    const claim = this.userResolver.claimFor(user);
    const refresh = await this.sessions.begin(
      user,
      (sid) => issued(this.minter.forUser('refresh', claim, now, { [SID_CLAIM]: sid })),
      client,
    );
    return { refresh: refresh.token, access: this.minter.accessFrom(refresh.claims, now).token };
  }

  private async issueSliding(user: UserEntity, client: ClientContext): Promise<{ token: string }> {
    const claim = this.userResolver.claimFor(user);
    const now = this.clock.nowSeconds();
    const sliding = await this.sessions.begin(
      user,
      (sid) => {
        const minted = this.minter.forUser('sliding', claim, now, { [SID_CLAIM]: sid });
        return { ...minted, usableUntil: minted.claims[this.config.slidingRefreshExpClaim] as number };
      },
      client,
    );
    return { token: sliding.token };
  }

  /**
   * Rotation off: a new access token. On: also a successor, the presented token blacklisted, in one
   * statement. Either way within the token's session (SessionService: revoked, capped, reuse of a
   * rotated-out token), one call.
   */
  async refresh(raw: string, client?: ClientContext): Promise<PairResponse> {
    try {
      const response = await this.refreshOnce(raw, client);
      this.metrics.refreshed('success');
      return response;
    } catch (e) {
      this.metrics.refreshed(refreshOutcome(e));
      throw e;
    }
  }

  private async refreshOnce(raw: string, client?: ClientContext): Promise<PairResponse> {
    const token = this.validate(raw, 'refresh');
    const now = this.clock.nowSeconds();
    const user = () => this.userResolver.requireActive(token.claims);
    if (!this.config.rotateRefreshTokens) {
      const sid = await this.sessions.refresh(token, user, client);
      return { access: this.minter.accessFrom(token.claims, now, { [SID_CLAIM]: sid }).token };
    }
    const { sid, successor } = await this.sessions.rotate(
      token,
      user,
      (sid) => issued(this.minter.rotate(token.claims, now, { [SID_CLAIM]: sid })),
      this.config.blacklistAfterRotation,
      client,
    );
    this.minter.handedOut(successor);
    const access = this.minter.accessFrom(token.claims, now, { [SID_CLAIM]: sid }).token;
    return { access, refresh: successor.token };
  }

  /** Any token type. A blacklisted token is a 400, as simplejwt's TokenVerifySerializer says. */
  async verify(raw: string): Promise<Record<string, never>> {
    const token = this.validate(raw, null);
    if (!(await this.sessions.verify(token))) throw DomainError.nonField(MSG.blacklisted);
    return {};
  }

  /** Logout: exactly one of concurrent calls for one token succeeds; the token's session ends. */
  async logout(raw: string, client?: ClientContext): Promise<Record<string, never>> {
    const token = this.validate(raw, 'refresh');
    await this.sessions.end(token, this.userResolver.idOrNull(token.claims), client);
    return {};
  }

  async refreshSliding(raw: string, client?: ClientContext): Promise<{ token: string }> {
    const token = this.validate(raw, 'sliding');
    const claim = this.config.slidingRefreshExpClaim;
    const user = () => {
      if (!Object.hasOwn(token.claims, claim)) throw Errors.tokenNotValid(noClaim(claim));
      const refreshExp = token.claims[claim];
      if (typeof refreshExp !== 'number' || !Number.isFinite(refreshExp)) throw Errors.tokenNotValid();
      if (refreshExp <= this.clock.now() / 1000 - this.config.leeway)
        throw Errors.tokenNotValid(claimExpired(claim));
      return this.userResolver.requireActive(token.claims);
    };
    const reslide = (sid: string) => {
      const slid = this.minter.reslide({ ...token.claims, [SID_CLAIM]: sid }, this.clock.nowSeconds());
      return { ...slid, usableUntil: Math.min(slid.exp, token.claims[claim] as number) };
    };
    return { token: await this.sessions.slide(token, user, reslide, client) };
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
}

/** A minted token as its session records it: usable until its own expiry. */
function issued(t: MintedToken): MintedToken & { usableUntil: number } {
  return { ...t, usableUntil: t.exp };
}

/** A refused refresh's outcome; an outage (503) or a bug is none. */
function refreshOutcome(e: unknown): RefreshOutcome | undefined {
  if (!(e instanceof DomainError) || e.code === 'service_unavailable') return undefined;
  return e instanceof RefusedRefresh ? e.outcome : 'invalid';
}

interface Credentials {
  username: string;
  password: string;
  /** A TOTP code sent with the password (one request instead of two for a user with a factor). */
  otp?: string;
}

/** The 401 of a right password whose second factor is due: not a failed login. */
const isMfaAnswer = (e: DomainError): boolean => e.body.code === 'mfa_required';
