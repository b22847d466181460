import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { claimExpired, Errors, MSG, noClaim } from '../common/errors';
import { JwtConfig } from '../config/jwt.config';
import { TokenBlacklistService, TrackedToken } from '../token-blacklist/token-blacklist.service';
import { UserEntity } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { TokenError } from './token-error';
import { MintedToken, TokenMinter } from './token-minter';
import { TokenType, ValidToken } from './token-types';
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
  ) {}

  async obtainPair(username: string, password: string): Promise<Required<PairResponse>> {
    const user = await this.login(username, password);
    const now = this.clock.nowSeconds();
    const refresh = this.minter.forUser('refresh', this.userResolver.claimFor(user), now);
    await this.blacklist.outstand(tracked(refresh, user.id, refresh.exp));
    return { refresh: refresh.token, access: this.minter.accessFrom(refresh.claims, now).token };
  }

  async obtainSliding(username: string, password: string): Promise<{ token: string }> {
    const user = await this.login(username, password);
    const sliding = this.minter.forUser('sliding', this.userResolver.claimFor(user), this.clock.nowSeconds());
    const refreshExp = sliding.claims[this.config.slidingRefreshExpClaim] as number;
    await this.blacklist.outstand(tracked(sliding, user.id, refreshExp));
    return { token: sliding.token };
  }

  /** Rotation off: a new access token. On: also a successor, the presented token blacklisted atomically. */
  async refresh(raw: string): Promise<PairResponse> {
    const token = await this.validateUnrevoked(raw, 'refresh');
    const user = await this.userResolver.requireActive(token.claims);
    const now = this.clock.nowSeconds();
    const access = this.minter.accessFrom(token.claims, now).token;
    if (!this.config.rotateRefreshTokens) return { access };
    const successor = this.minter.rotate(token.claims, now);
    const presented = { raw, jti: token.jti, usableUntil: token.exp, userId: user.id };
    const won = await this.blacklist.rotate(
      presented,
      tracked(successor, user.id, successor.exp),
      this.config.blacklistAfterRotation,
    );
    if (!won) throw Errors.tokenNotValid(MSG.blacklisted);
    return { access, refresh: successor.token };
  }

  /** Any token type. A blacklisted token is a 400, as simplejwt's TokenVerifySerializer says. */
  async verify(raw: string): Promise<Record<string, never>> {
    const token = this.validate(raw, null);
    if (await this.blacklist.isBlacklisted(token.jti)) throw DomainError.nonField(MSG.blacklisted);
    return {};
  }

  /** Logout: exactly one of concurrent calls for one token succeeds. */
  async logout(raw: string): Promise<Record<string, never>> {
    const token = await this.validateUnrevoked(raw, 'refresh');
    const userId = this.userResolver.idOrNull(token.claims);
    const won = await this.blacklist.blacklist({ raw, jti: token.jti, usableUntil: token.exp, userId });
    if (!won) throw Errors.tokenNotValid(MSG.blacklisted);
    return {};
  }

  async refreshSliding(raw: string): Promise<{ token: string }> {
    const token = await this.validateUnrevoked(raw, 'sliding');
    const claim = this.config.slidingRefreshExpClaim;
    if (!Object.hasOwn(token.claims, claim)) throw Errors.tokenNotValid(noClaim(claim));
    const refreshExp = token.claims[claim];
    if (typeof refreshExp !== 'number' || !Number.isFinite(refreshExp)) throw Errors.tokenNotValid();
    if (refreshExp <= this.clock.now() / 1000 - this.config.leeway) throw Errors.tokenNotValid(claimExpired(claim));
    await this.userResolver.requireActive(token.claims);
    return { token: this.minter.reslide(token.claims, this.clock.nowSeconds()).token };
  }

  private async login(username: string, password: string): Promise<UserEntity> {
    const user = await this.users.checkCredentials(username, password);
    if (!user) throw Errors.noActiveAccount();
    if (this.config.updateLastLogin) await this.users.recordLogin(user);
    return user;
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

function tracked(t: MintedToken, userId: number, usableUntil: number): TrackedToken {
  return { raw: t.token, jti: t.jti, usableUntil, userId };
}
