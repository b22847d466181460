import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app.config';
import { Client, ClientContext } from '../common/client-context.decorator';
import { Permissions } from '../common/access.decorator';
import { ApiError, ApiFieldErrors, ApiRequestBody } from '../common/api-responses';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import { MSG } from '../common/errors';
import { Principal } from '../common/principal';
import { RevokedCountResponse } from '../sessions/dto/session.response';
import { AdminUsersService } from './admin-users.service';
import { AdminUserDetailResponse, AdminUserPage, AdminUserResponse } from './dto/admin.responses';
import { UpdateUserDto } from './dto/update-user.dto';
import { INVALID_PAGE, pageOf, paginate, PAGE_SIZE, textQuery } from './pagination';
import { AdminApi } from './admin-api.decorator';
import { userChangesOf } from './user-changes';

/** Users, their active flag, roles, groups and permissions, deletion, and ending their sessions. */
@AdminApi()
@Controller('api/admin/users')
export class AdminUsersController {
  constructor(
    private readonly users: AdminUsersService,
    private readonly app: AppConfig,
  ) {}

  @Get()
  @Permissions('auth.view_user')
  @ApiOperation({
    summary: 'Users, paginated (username or email contains `search`)',
    description: `${PAGE_SIZE} users a page, in id order, with DRF's \`count\`/\`next\`/\`previous\` links.`,
  })
  @ApiQuery({
    name: 'search',
    required: false,
    description: 'Case-insensitive substring of username or email (its first 150 characters count)',
  })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiOkResponse({ type: AdminUserPage })
  @ApiFieldErrors(['search'], 'A NUL character in `search`', { search: [MSG.nullCharacters] })
  @ApiError(404, 'A page that is not a positive number, or past the last', { detail: INVALID_PAGE })
  async list(@Req() req: FastifyRequest): Promise<AdminUserPage> {
    const search = textQuery(req, 'search', 150);
    const { page, count, rows } = await pageOf(req, async (limit, offset) => {
      const { count, users } = await this.users.page(search, limit, offset);
      return { count, rows: users };
    });
    return paginate(
      req,
      page,
      count,
      rows.map((u) => AdminUserResponse.of(u, u.hasMfa)),
      this.app.publicUrl,
    );
  }

  @Patch(':id')
  @Permissions('auth.change_user')
  @ApiOperation({
    summary:
      'Activate or deactivate (deactivation ends every session and API key for good), the roles, groups ' +
      'and permissions',
    description:
      'An inactive user cannot log in, and their tokens answer 401 user_inactive at once. A superuser may ' +
      'also set is_staff and is_superuser; users who are not superusers cannot change a superuser, grant ' +
      'roles, or give permissions (directly or through `groups`) they do not hold themselves; an API key gives only ' +
      'what its scope and its owner both allow (403). ' +
      '`groups` and `user_permissions` replace the current lists; the user is judged on them from the ' +
      'next request on, on every instance.',
  })
  @ApiRequestBody(UpdateUserDto, {
    description: 'Field errors in DRF words, or groups or permissions that do not exist',
    example: { groups: ['Object with name=nobody does not exist.'] },
  })
  @ApiOkResponse({ type: AdminUserDetailResponse })
  @ApiError(404, 'No such user', { detail: MSG.notFound })
  async update(
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
    @CurrentPrincipal() p: Principal,
    @Client() client: ClientContext,
  ): Promise<AdminUserDetailResponse> {
    return AdminUserDetailResponse.of(await this.users.update(id, userChangesOf(body), p, client));
  }

  @Delete(':id')
  @Permissions('auth.delete_user')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a user (their tokens answer user_not_found from the next request on)',
    description: 'Their sessions and outstanding tokens go with them. A superuser only by a superuser (403).',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiError(404, 'No such user', { detail: MSG.notFound })
  async remove(
    @Param('id') id: string,
    @CurrentPrincipal() p: Principal,
    @Client() client: ClientContext,
  ): Promise<void> {
    await this.users.delete(id, p.user, client);
  }

  @Post(':id/revoke-sessions')
  @Permissions('auth.change_user')
  @HttpCode(200)
  @ApiOperation({
    summary: 'End every session of the user and revoke their API keys (from the next request on)',
    description: "The user stays active and can log in again. A superuser's only by a superuser (403).",
  })
  @ApiOkResponse({ type: RevokedCountResponse })
  @ApiError(404, 'No such user', { detail: MSG.notFound })
  async revokeSessions(
    @Param('id') id: string,
    @CurrentPrincipal() p: Principal,
    @Client() client: ClientContext,
  ): Promise<RevokedCountResponse> {
    return { revoked: await this.users.revokeSessions(id, p.user, client) };
  }
}
