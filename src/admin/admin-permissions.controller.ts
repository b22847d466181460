import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Permissions } from '../common/access.decorator';
import { ApiError } from '../common/api-responses';
import { AppConfig } from '../config/app.config';
import { GroupAccessService } from '../permissions/group-access.service';
import { AdminApi } from './admin-api.decorator';
import { PermissionPage, PermissionResponse } from './dto/admin.responses';
import { INVALID_PAGE, pageOf, paginate } from './pagination';

/** The permission catalogue (Django's auth_permission), what groups and users can be given. */
@AdminApi()
@Controller('api/admin/permissions')
export class AdminPermissionsController {
  constructor(
    private readonly groups: GroupAccessService,
    private readonly app: AppConfig,
  ) {}

  @Get()
  @Permissions('auth.view_permission')
  @ApiOperation({
    summary: 'Permissions, paginated, by app_label and codename',
    description:
      'What groups and users can be given (`permission` is the name the API takes). Needs auth.view_permission.',
  })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiOkResponse({ type: PermissionPage })
  @ApiError(404, 'A page that is not a positive number, or past the last', { detail: INVALID_PAGE })
  async list(@Req() req: FastifyRequest): Promise<PermissionPage> {
    const { page, count, rows } = await pageOf(req, async (limit, offset) => {
      const { count, permissions } = await this.groups.permissionPage(limit, offset);
      return { count, rows: permissions };
    });
    return paginate(
      req,
      page,
      count,
      rows.map((p) => PermissionResponse.of(p)),
      this.app.publicUrl,
    );
  }
}
