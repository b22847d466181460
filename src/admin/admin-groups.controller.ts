import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
} from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Permissions } from '../common/access.decorator';
import { Client, ClientContext } from '../common/client-context.decorator';
import { ApiError, ApiRequestBody } from '../common/api-responses';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import { MSG } from '../common/errors';
import { Principal } from '../common/principal';
import { AppConfig } from '../config/app.config';
import { AdminApi } from './admin-api.decorator';
import { AdminGroupsService } from './admin-groups.service';
import { GroupPage, GroupResponse } from './dto/admin.responses';
import { CreateGroupDto, UpdateGroupDto } from './dto/group.dto';
import { INVALID_PAGE, pageOf, paginate, PAGE_SIZE } from './pagination';

const GRANT_RULE =
  'Users who are not superusers may only give permissions they hold themselves; an API key only what its ' +
  'scope and its owner both allow (403).';
const UNKNOWN = { permissions: ['Object with codename=auth.fly does not exist.'] };

/** Django's groups: a name and the permissions every member holds. */
@AdminApi()
@Controller('api/admin/groups')
export class AdminGroupsController {
  constructor(
    private readonly groups: AdminGroupsService,
    private readonly app: AppConfig,
  ) {}

  @Get()
  @Permissions('auth.view_group')
  @ApiOperation({
    summary: 'Groups, paginated, in id order, with their permissions',
    description: `${PAGE_SIZE} groups a page, with DRF's \`count\`/\`next\`/\`previous\` links. Needs auth.view_group.`,
  })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiOkResponse({ type: GroupPage })
  @ApiError(404, 'A page that is not a positive number, or past the last', { detail: INVALID_PAGE })
  async list(@Req() req: FastifyRequest): Promise<GroupPage> {
    const { page, count, rows } = await pageOf(req, async (limit, offset) => {
      const { count, groups } = await this.groups.page(limit, offset);
      return { count, rows: groups };
    });
    return paginate(
      req,
      page,
      count,
      rows.map((g) => GroupResponse.of(g)),
      this.app.publicUrl,
    );
  }

  @Post()
  @Permissions('auth.add_group')
  @ApiOperation({ summary: 'Create a group', description: `Needs auth.add_group. ${GRANT_RULE}` })
  @ApiRequestBody(CreateGroupDto, {
    description: 'Field errors in DRF words, a name in use, or permissions that do not exist',
    example: UNKNOWN,
  })
  @ApiCreatedResponse({ type: GroupResponse })
  async create(
    @Body() body: CreateGroupDto,
    @CurrentPrincipal() p: Principal,
    @Client() client: ClientContext,
  ): Promise<GroupResponse> {
    return GroupResponse.of(await this.groups.create(body.name, body.permissions ?? [], p, client));
  }

  @Get(':id')
  @Permissions('auth.view_group')
  @ApiOperation({ summary: 'One group', description: 'Its name and permissions. Needs auth.view_group.' })
  @ApiOkResponse({ type: GroupResponse })
  @ApiError(404, 'No such group', { detail: MSG.notFound })
  async get(@Param('id') id: string): Promise<GroupResponse> {
    return GroupResponse.of(await this.groups.get(id));
  }

  @Patch(':id')
  @Permissions('auth.change_group')
  @ApiOperation({
    summary: 'Rename a group and/or replace its permissions',
    description:
      'Needs auth.change_group. Members are judged on the new permissions from their next request on, on ' +
      `every instance. ${GRANT_RULE}`,
  })
  @ApiRequestBody(UpdateGroupDto, {
    description: 'Field errors in DRF words, a name in use, or permissions that do not exist',
    example: UNKNOWN,
  })
  @ApiOkResponse({ type: GroupResponse })
  @ApiError(404, 'No such group', { detail: MSG.notFound })
  async update(
    @Param('id') id: string,
    @Body() body: UpdateGroupDto,
    @CurrentPrincipal() p: Principal,
    @Client() client: ClientContext,
  ): Promise<GroupResponse> {
    return GroupResponse.of(await this.groups.update(id, body, p, client));
  }

  @Delete(':id')
  @Permissions('auth.delete_group')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a group (its members lose its permissions at once)',
    description: 'Needs auth.delete_group.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiError(404, 'No such group', { detail: MSG.notFound })
  async remove(@Param('id') id: string, @Client() client: ClientContext): Promise<void> {
    await this.groups.delete(id, client);
  }
}
