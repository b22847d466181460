import { Body, Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Client, ClientContext } from '../common/client-context.decorator';
import { ErrorResponse, FieldErrorsResponse } from '../common/dto/error.response';
import { Public } from '../common/public.decorator';
import { readStringFields } from '../common/string-fields';
import { Device, DeviceChannel } from '../traffic/device-channel';
import { ThrottledAs } from '../traffic/throttle.decorators';
import { ObtainTokenDto, RefreshTokenDto, SlidingTokenDto, VerifyTokenDto } from './dto/token-requests.dto';
import {
  EmptyResponse,
  RefreshResponse,
  SlidingTokenResponse,
  TokenPairResponse,
} from './dto/token-responses.dto';
import { RefreshCookieInterceptor } from './refresh-cookie.interceptor';
import { TokenService } from './token.service';

const CREDENTIALS = { username: { trim: true }, password: { trim: false } } as const;
const BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];

/** simplejwt's token views. Public: they ignore the Authorization header entirely. */
@ApiTags('token')
@ApiConsumes(...BODY_TYPES)
@ApiBadRequestResponse({ description: 'Field errors', type: FieldErrorsResponse })
@ApiUnauthorizedResponse({
  description: 'Refused (WWW-Authenticate: Bearer realm="api")',
  type: ErrorResponse,
})
@Public()
@UseInterceptors(RefreshCookieInterceptor)
@Controller('api/token')
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in: obtain an access/refresh pair' })
  @ApiBody({ type: ObtainTokenDto })
  @ApiOkResponse({ type: TokenPairResponse })
  @ThrottledAs('login', 'login_user')
  obtainPair(@Body() body: unknown, @Client() client: ClientContext, @Device() device: DeviceChannel) {
    const { username, password } = readStringFields(body, CREDENTIALS);
    return this.tokens.obtainPair(username, password, client, device);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new access token (and a rotated refresh token when rotation is on)' })
  @ApiBody({ type: RefreshTokenDto })
  @ApiOkResponse({ type: RefreshResponse })
  @ThrottledAs('token')
  refresh(@Body() body: unknown, @Client() client: ClientContext) {
    return this.tokens.refresh(readStringFields(body, { refresh: { trim: true } }).refresh, client);
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a token of any type' })
  @ApiBody({ type: VerifyTokenDto })
  @ApiOkResponse({ type: EmptyResponse })
  @ThrottledAs('token')
  verify(@Body() body: unknown) {
    return this.tokens.verify(readStringFields(body, { token: { trim: true } }).token);
  }

  @Post('blacklist')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log out: blacklist a refresh token' })
  @ApiBody({ type: RefreshTokenDto })
  @ApiOkResponse({ type: EmptyResponse })
  @ThrottledAs('token')
  blacklist(@Body() body: unknown, @Client() client: ClientContext) {
    return this.tokens.logout(readStringFields(body, { refresh: { trim: true } }).refresh, client);
  }

  @Post('sliding')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in: obtain a sliding token' })
  @ApiBody({ type: ObtainTokenDto })
  @ApiOkResponse({ type: SlidingTokenResponse })
  @ThrottledAs('login', 'login_user')
  obtainSliding(@Body() body: unknown, @Client() client: ClientContext, @Device() device: DeviceChannel) {
    const { username, password } = readStringFields(body, CREDENTIALS);
    return this.tokens.obtainSliding(username, password, client, device);
  }

  @Post('sliding/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend a sliding token (until its refresh_exp)' })
  @ApiBody({ type: SlidingTokenDto })
  @ApiOkResponse({ type: SlidingTokenResponse })
  @ThrottledAs('token')
  refreshSliding(@Body() body: unknown, @Client() client: ClientContext) {
    return this.tokens.refreshSliding(readStringFields(body, { token: { trim: true } }).token, client);
  }
}
