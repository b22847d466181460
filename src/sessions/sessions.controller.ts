import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiError, ApiRequestBody } from '../common/api-responses';
import { ApiThrottled } from '../traffic/api-throttled.decorator';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import { TokenOnly } from '../common/access.decorator';
import { TokenPrincipal } from '../common/principal';
import { Client, ClientContext } from '../common/client-context.decorator';
import { MSG } from '../common/errors';
import { RevokeAllSessionsDto } from './dto/revoke-all-sessions.dto';
import { RevokedCountResponse, SessionResponse } from './dto/session.response';
import { MySessionsService } from './my-sessions.service';
import { sidOf } from './session.service';

const currentSid = (p: TokenPrincipal): string | undefined => sidOf(p.token.claims) ?? undefined;

/** My sessions (token families): list, end one, log out everywhere. */
@ApiTags('sessions')
@TokenOnly()
@ApiThrottled()
@Controller('api/sessions')
export class SessionsController {
  constructor(private readonly sessions: MySessionsService) {}

  @Get()
  @ApiOperation({
    summary: 'My live sessions',
    description: 'One per login; `current` marks the session of the token making this request.',
  })
  @ApiOkResponse({ type: [SessionResponse] })
  async list(@CurrentPrincipal() p: TokenPrincipal): Promise<SessionResponse[]> {
    const sid = currentSid(p);
    return (await this.sessions.list(p.user)).map((s) => SessionResponse.of(s, sid));
  }

  @Post('revoke-all')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log out everywhere (optionally keeping this session)',
    description:
      'Ends every session of mine; their tokens fail from the next request on. Every API key of mine is ' +
      'revoked too (keep_current keeps this session, never a key). The body is optional.',
  })
  @ApiRequestBody(RevokeAllSessionsDto, {
    required: false,
    example: { keep_current: [MSG.invalidBoolean] },
  })
  @ApiOkResponse({ type: RevokedCountResponse })
  async revokeAll(
    @CurrentPrincipal() p: TokenPrincipal,
    @Body() { keep_current }: RevokeAllSessionsDto,
    @Client() client: ClientContext,
  ) {
    return { revoked: await this.sessions.revokeAll(p.user, keep_current, currentSid(p), client) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'End one of my sessions (the current one too: that logs me out)',
    description: '`id` is a session id from GET /api/sessions/ (the `sid` claim of its tokens).',
  })
  @ApiNoContentResponse({ description: 'Ended; its tokens fail from the next request on' })
  @ApiError(404, 'No such live session of mine', { detail: MSG.notFound })
  async revoke(
    @CurrentPrincipal() p: TokenPrincipal,
    @Param('id') id: string,
    @Client() client: ClientContext,
  ): Promise<void> {
    await this.sessions.revoke(p.user, id, client);
  }
}
