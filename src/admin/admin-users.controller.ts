import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
} from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app.config';
import { Client, ClientContext } from '../common/client-context.decorator';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import { ErrorResponse, FieldErrorsResponse } from '../common/dto/error.response';
import { Principal } from '../common/principal';
import { RevokedCountResponse } from '../sessions/dto/session.response';
import { AdminUsersService } from './admin-users.service';
import { AdminUserPage, AdminUserResponse, SetActiveDto } from './dto/admin.responses';
import { pageNumber, paginate, PAGE_SIZE, textQuery } from './pagination';
import { StaffApi } from './staff-api.decorator';
import { readUserChanges } from './user-changes';

/** Staff only: users, their active flag, deletion, and ending their sessions. */
@StaffApi()
@Controller('api/admin/users')
export class AdminUsersController {
  constructor(
    private readonly users: AdminUsersService,
    private readonly app: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Users, paginated (username or email contains `search`)' })
  @ApiQuery({ name: 'search', required: false })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiOkResponse({ type: AdminUserPage })
  @ApiNotFoundResponse({ description: 'Invalid page.', type: ErrorResponse })
  async list(@Req() req: FastifyRequest): Promise<AdminUserPage> {
    const page = pageNumber(req);
    const search = textQuery(req, 'search', 150);
    const { count, rows } = await this.users.page(search, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    return paginate(
      req,
      page,
      count,
      rows.map((r) => AdminUserResponse.ofRow(r)),
      this.app.publicUrl,
    );
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Activate or deactivate (deactivation ends every session for good); a superuser may also set ' +
      'is_staff and is_superuser. Staff who are not superusers cannot change a superuser nor grant roles (403)',
  })
  @ApiBody({ type: SetActiveDto })
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiBadRequestResponse({ type: FieldErrorsResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() p: Principal,
    @Client() client: ClientContext,
  ): Promise<AdminUserResponse> {
    return AdminUserResponse.ofUser(await this.users.update(id, readUserChanges(body), p.user, client));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Delete a user (their tokens answer user_not_found from the next request on); a superuser only by a superuser',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async remove(
    @Param('id') id: string,
    @CurrentPrincipal() p: Principal,
    @Client() client: ClientContext,
  ): Promise<void> {
    await this.users.delete(id, p.user, client);
  }

  @Post(':id/revoke-sessions')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "End every session of the user (their tokens fail from the next request on); a superuser's only by a superuser",
  })
  @ApiOkResponse({ type: RevokedCountResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async revokeSessions(
    @Param('id') id: string,
    @CurrentPrincipal() p: Principal,
    @Client() client: ClientContext,
  ): Promise<RevokedCountResponse> {
    return { revoked: await this.users.revokeSessions(id, p.user, client) };
  }
}
