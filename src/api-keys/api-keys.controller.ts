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
import { ApiKeysService, MAX_KEYS_PER_USER } from './api-keys.service';
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
  @ApiOperation({
    summary: 'Create an API key (shown once)',
    description:
      'The key is `<prefix>.<secret>` (256 random bits of secret); only its SHA-256 is stored, so it is ' +
      'shown in this answer only. `permissions` caps it (each must be yours); absent, the key may do what ' +
      `you may. With a list, the key is never staff or superuser. At most ${MAX_KEYS_PER_USER} live keys.`,
  })
  @ApiRequestBody(CreateApiKeyDto, {
    description: 'Field errors in DRF words, an unknown permission or one you do not hold',
    example: { permissions: ['You do not hold auth.change_user.'] },
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  async create(
    @Body() body: CreateApiKeyDto,
    @CurrentPrincipal() p: Principal,
    @Client() client: ClientContext,
  ): Promise<CreatedApiKeyResponse> {
    const { apiKey, key } = await this.keys.create(
      p.user,
      { name: body.name, expiresAt: body.expires_at, permissions: body.permissions },
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
