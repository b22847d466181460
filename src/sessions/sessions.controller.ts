import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import { Principal } from '../common/principal';
import { readBooleanField } from '../common/boolean-field';
import { Client, ClientContext } from '../common/client-context.decorator';
import { ErrorResponse, FieldErrorsResponse } from '../common/dto/error.response';
import { RevokeAllDto, RevokedCountResponse, SessionResponse } from './dto/session.response';
import { MySessionsService } from './my-sessions.service';
import { sidOf } from './session.service';

const currentSid = (p: Principal): string | undefined => sidOf(p.token.claims) ?? undefined;

/** My sessions (token families): list, end one, log out everywhere. */
@ApiTags('sessions')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Controller('api/sessions')
export class SessionsController {
  constructor(private readonly sessions: MySessionsService) {}

  @Get()
  @ApiOperation({ summary: 'My live sessions' })
  @ApiOkResponse({ type: [SessionResponse] })
  async list(@CurrentPrincipal() p: Principal): Promise<SessionResponse[]> {
    const sid = currentSid(p);
    return (await this.sessions.list(p.user)).map((s) => SessionResponse.of(s, sid));
  }

  @Post('revoke-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log out everywhere (optionally keeping this session)' })
  @ApiBody({ type: RevokeAllDto, required: false })
  @ApiOkResponse({ type: RevokedCountResponse })
  @ApiBadRequestResponse({ type: FieldErrorsResponse })
  async revokeAll(@CurrentPrincipal() p: Principal, @Body() body: unknown, @Client() client: ClientContext) {
    const keep = readBooleanField(body, 'keep_current', false);
    return { revoked: await this.sessions.revokeAll(p.user, keep, currentSid(p), client) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'End one of my sessions (the current one too: that logs me out)' })
  @ApiNoContentResponse({ description: 'Ended; its tokens fail from the next request on' })
  @ApiNotFoundResponse({ description: 'No such live session of mine', type: ErrorResponse })
  async revoke(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Client() client: ClientContext,
  ): Promise<void> {
    await this.sessions.revoke(p.user, id, client);
  }
}
