import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { TokenOnly } from '../common/access.decorator';
import { ApiError, ApiRequestBody } from '../common/api-responses';
import { ApiThrottled } from '../traffic/api-throttled.decorator';
import { Client, ClientContext } from '../common/client-context.decorator';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import { MSG } from '../common/errors';
import { Principal } from '../common/principal';
import { Device, DeviceChannel } from '../traffic/device-channel';
import { ThrottledAs } from '../traffic/throttle.decorators';
import { ApiKeysService, MAX_KEYS_PER_USER, WRONG_PASSWORD } from './api-keys.service';
import { ApiKeyResponse, CreatedApiKeyResponse } from './dto/api-key.response';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

/** My API keys, for machines that call the API as me (`Authorization: Api-Key <key>`). */
@ApiTags('api-keys')
@TokenOnly()
@ApiThrottled()
@Controller('api/keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  // It checks a password, so it shares the login bucket: a stolen access token buys no extra guesses.
  @ThrottledAs('login')
  @ApiOperation({
    summary: 'Create an API key (shown once); needs your current password',
    description:
      'The key is `<prefix>.<secret>` (256 random bits of secret); only its SHA-256 is stored, so it is ' +
      'shown in this answer only. `password` is checked like a login (THROTTLE_LOGIN, the same failure ' +
      'streaks). `permissions` caps it (each must be yours); absent, the key may do what you may. With a ' +
      'list, the key is never staff or superuser. It expires at `expires_at` (at most ' +
      'API_KEY_MAX_LIFETIME away; absent: API_KEY_DEFAULT_LIFETIME). Logging out everywhere, a password ' +
      `change or deactivation revokes every key. At most ${MAX_KEYS_PER_USER} live keys.`,
  })
  @ApiRequestBody(CreateApiKeyDto, {
    description: 'Field errors in DRF words, a wrong password, an unknown permission or one you do not hold',
    example: { password: [WRONG_PASSWORD] },
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  async create(
    @Body() body: CreateApiKeyDto,
    @CurrentPrincipal() p: Principal,
    @Client() client: ClientContext,
    @Device() device: DeviceChannel,
  ): Promise<CreatedApiKeyResponse> {
    const { apiKey, key } = await this.keys.create(
      p,
      {
        name: body.name,
        password: body.password,
        expiresAt: body.expires_at,
        permissions: body.permissions,
      },
      device,
      client,
    );
    return { ...ApiKeyResponse.of(apiKey), key };
  }

  @Get()
  @ApiOperation({
    summary: 'My live API keys, newest first',
    description: 'Never the keys themselves: their prefix, name, dates and permissions.',
  })
  @ApiOkResponse({ type: [ApiKeyResponse] })
  async list(@CurrentPrincipal() p: Principal): Promise<ApiKeyResponse[]> {
    return (await this.keys.list(p.user.id)).map((k) => ApiKeyResponse.of(k));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke one of my API keys',
    description: 'It fails from the next request on, on every instance.',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiError(404, 'No such live key of mine', { detail: MSG.notFound })
  async revoke(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Client() client: ClientContext,
  ): Promise<void> {
    await this.keys.revoke(p.user, id, client);
  }
}
