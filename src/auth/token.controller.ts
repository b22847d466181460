import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiError, ApiRequestBody } from '../common/api-responses';
import { ApiThrottled } from '../traffic/api-throttled.decorator';
import { Client, ClientContext } from '../common/client-context.decorator';
import { DomainError } from '../common/domain-error';
import { MSG } from '../common/errors';
import { MFA_MSG } from '../mfa/mfa-errors';
import { Public } from '../common/public.decorator';
import { Device, DeviceChannel } from '../traffic/device-channel';
import { ThrottledAs } from '../traffic/throttle.decorators';
import { BlacklistTokenDto } from './dto/blacklist-token.dto';
import { CompleteMfaDto } from '../mfa/dto/mfa.dto';
import { ObtainTokenDto } from './dto/obtain-token.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { SlidingTokenDto } from './dto/sliding-token.dto';
import {
  EmptyResponse,
  LoginRefusedResponse,
  RefreshResponse,
  SlidingTokenResponse,
  TokenPairResponse,
} from './dto/token-responses.dto';
import { VerifyTokenDto } from './dto/verify-token.dto';
import { CrossSiteGuard } from './cross-site.guard';
import { RefreshCookieInterceptor } from './refresh-cookie.interceptor';
import { TokenService } from './token.service';

const WRONG_CREDENTIALS = ApiResponse({
  status: 401,
  description:
    'Unknown username, wrong password or inactive user (one answer for all three, `{"detail"}` only); ' +
    'or, for a user with a second factor, `mfa_required` with an `mfa_token` for POST /api/token/mfa/',
  type: LoginRefusedResponse,
  example: { detail: MSG.noActiveAccount },
});
const MFA_NOTE =
  ' A user with a second factor gets 401 `mfa_required` and an `mfa_token` instead, unless `otp` holds a ' +
  'current code: finish with POST /api/token/mfa/.';
const TOKEN_REFUSED = ApiError(
  401,
  'The token is malformed, expired, of the wrong type, blacklisted, or its user is gone or inactive ' +
    '(`WWW-Authenticate: Bearer realm="api"`)',
  { detail: MSG.invalidOrExpired, code: 'token_not_valid' },
);
const COOKIE_NOTE =
  ' With JWT_REFRESH_COOKIE, a body without `refresh` uses the refresh cookie instead (from an allowed ' +
  'Origin only: 403 otherwise).';

/** simplejwt's token views. Public: they ignore the Authorization header entirely. */
@ApiTags('token')
@ApiThrottled()
@Public()
@UseGuards(CrossSiteGuard)
@UseInterceptors(RefreshCookieInterceptor)
@Controller('api/token')
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in: obtain an access/refresh pair',
    description:
      'Checks the username and password and starts a session. Send the `access` token as ' +
      '`Authorization: Bearer …`; keep the `refresh` token to get new access tokens. Throttled per IP ' +
      '(THROTTLE_LOGIN) and per IP + username (THROTTLE_LOGIN_USER).' +
      MFA_NOTE,
  })
  @ApiRequestBody(ObtainTokenDto)
  @ApiOkResponse({ type: TokenPairResponse, description: 'The pair' })
  @WRONG_CREDENTIALS
  @ThrottledAs('login', 'login_user')
  obtainPair(
    @Body() { username, password, otp }: ObtainTokenDto,
    @Client() client: ClientContext,
    @Device() device: DeviceChannel,
  ) {
    return this.tokens.obtainPair(username, password, client, device, otp);
  }

  @Post('mfa')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in, second step: the mfa_token and a second factor',
    description:
      "Takes the `mfa_token` of the first step's 401 `mfa_required` and exactly one of `otp` (a current " +
      'TOTP code), `recovery_code` or `webauthn` (a passkey assertion). Answers what the first step asked ' +
      'for: the pair (POST /api/token/) or `{"token"}` (POST /api/token/sliding/), with the session, device ' +
      'token and refresh cookie of any login. A wrong factor counts as a failed login; the token is single ' +
      'use and allows MFA_TOKEN_ATTEMPTS tries within MFA_TOKEN_LIFETIME. Throttled per IP (THROTTLE_LOGIN).',
  })
  @ApiRequestBody(CompleteMfaDto, {
    description: 'Missing fields, or not exactly one factor',
    example: { non_field_errors: [MFA_MSG.oneProof] },
  })
  @ApiExtraModels(TokenPairResponse, SlidingTokenResponse)
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(TokenPairResponse) }, { $ref: getSchemaPath(SlidingTokenResponse) }],
    },
    description: 'The pair, or the sliding token',
  })
  @ApiError(
    401,
    'A wrong factor (`mfa_code_invalid`), or an unknown, used, expired or spent `mfa_token` (`mfa_token_invalid`)',
    {
      detail: MFA_MSG.codeInvalid,
      code: 'mfa_code_invalid',
    },
  )
  // No username in the body: per IP (THROTTLE_LOGIN); per account, the failure streaks and MFA_TOKEN_ATTEMPTS.
  @ThrottledAs('login')
  completeMfa(
    @Body() body: CompleteMfaDto,
    @Client() client: ClientContext,
    @Device() device: DeviceChannel,
  ) {
    const { mfa_token, ...proof } = body;
    const given = [proof.otp, proof.recovery_code, proof.webauthn].filter((p) => p !== undefined);
    if (given.length !== 1) throw DomainError.nonField(MFA_MSG.oneProof);
    return this.tokens.completeMfa(mfa_token, proof, client, device);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A new access token (and a rotated refresh token when rotation is on)',
    description:
      'With JWT_ROTATE_REFRESH_TOKENS the presented refresh token is blacklisted and a successor is ' +
      'returned; presenting a rotated-out token again ends its whole session.' +
      COOKIE_NOTE,
  })
  @ApiRequestBody(RefreshTokenDto)
  @ApiOkResponse({ type: RefreshResponse })
  @TOKEN_REFUSED
  @ThrottledAs('token')
  refresh(@Body() { refresh }: RefreshTokenDto, @Client() client: ClientContext) {
    return this.tokens.refresh(refresh, client);
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check a token of any type',
    description: 'Answers `{}` when the token is valid (signature, expiry, not blacklisted), 401 otherwise.',
  })
  @ApiRequestBody(VerifyTokenDto)
  @ApiOkResponse({ type: EmptyResponse, description: 'Valid' })
  @TOKEN_REFUSED
  @ThrottledAs('token')
  verify(@Body() { token }: VerifyTokenDto) {
    return this.tokens.verify(token);
  }

  @Post('blacklist')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log out: blacklist a refresh token',
    description:
      'The refresh token (and its session) is refused from now on; access tokens of the session stop ' +
      'working at their next request.' +
      COOKIE_NOTE,
  })
  @ApiRequestBody(BlacklistTokenDto)
  @ApiOkResponse({ type: EmptyResponse, description: 'Logged out' })
  @TOKEN_REFUSED
  @ThrottledAs('token')
  blacklist(@Body() { refresh }: BlacklistTokenDto, @Client() client: ClientContext) {
    return this.tokens.logout(refresh, client);
  }

  @Post('sliding')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in: obtain a sliding token',
    description:
      'One token that authenticates like an access token and can be extended with ' +
      'POST /api/token/sliding/refresh/ until its `refresh_exp`. Throttled as the login.' +
      MFA_NOTE,
  })
  @ApiRequestBody(ObtainTokenDto)
  @ApiOkResponse({ type: SlidingTokenResponse })
  @WRONG_CREDENTIALS
  @ThrottledAs('login', 'login_user')
  obtainSliding(
    @Body() { username, password, otp }: ObtainTokenDto,
    @Client() client: ClientContext,
    @Device() device: DeviceChannel,
  ) {
    return this.tokens.obtainSliding(username, password, client, device, otp);
  }

  @Post('sliding/refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Extend a sliding token (until its refresh_exp)',
    description: 'A new sliding token with a fresh `exp`; the `refresh_exp` of the first one is kept.',
  })
  @ApiRequestBody(SlidingTokenDto)
  @ApiOkResponse({ type: SlidingTokenResponse })
  @TOKEN_REFUSED
  @ThrottledAs('token')
  refreshSliding(@Body() { token }: SlidingTokenDto, @Client() client: ClientContext) {
    return this.tokens.refreshSliding(token, client);
  }
}
