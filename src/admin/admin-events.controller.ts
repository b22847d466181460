import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app.config';
import { DomainError } from '../common/domain-error';
import { Permissions } from '../common/access.decorator';
import { ApiError, ApiFieldErrors } from '../common/api-responses';
import { SecurityEventsService } from '../security-events/security-events.service';
import { SecurityEventPage, SecurityEventResponse } from './dto/admin.responses';
import { INVALID_PAGE, pageOf, paginate, PAGE_SIZE, queryValue, textQuery } from './pagination';
import { AdminApi } from './admin-api.decorator';

const NOT_A_WHOLE_NUMBER = 'Enter a whole number.';

/** The security event log, newest first (security.view_securityevent). */
@AdminApi()
@Controller('api/admin/events')
export class AdminEventsController {
  constructor(
    private readonly events: SecurityEventsService,
    private readonly app: AppConfig,
  ) {}

  @Get()
  @Permissions('security.view_securityevent')
  @ApiOperation({
    summary: 'Security events (login, refresh, reuse, logout, revocations, password changes)',
    description: `Newest first, ${PAGE_SIZE} a page; filter by \`user_id\` and/or \`type\`.`,
  })
  @ApiQuery({ name: 'user_id', required: false, type: Number })
  @ApiQuery({ name: 'type', required: false, example: 'reuse_detected' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiOkResponse({ type: SecurityEventPage })
  @ApiFieldErrors(['user_id', 'type'], '`user_id` is not a whole number, or a NUL character in `type`', {
    user_id: [NOT_A_WHOLE_NUMBER],
  })
  @ApiError(404, 'A page that is not a positive number, or past the last', { detail: INVALID_PAGE })
  async list(@Req() req: FastifyRequest): Promise<SecurityEventPage> {
    const filter = {
      userId: userIdFilter(queryValue(req, 'user_id')),
      type: textQuery(req, 'type', 41) || undefined,
    };
    const { page, count, rows } = await pageOf(req, async (limit, offset) => {
      const { count, events } = await this.events.page(filter, limit, offset);
      return { count, rows: events };
    });
    return paginate(
      req,
      page,
      count,
      rows.map((e) => SecurityEventResponse.of(e)),
      this.app.publicUrl,
    );
  }
}

function userIdFilter(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\s*\d{1,10}\s*$/.test(raw) || Number(raw) > 2147483647) {
    throw DomainError.fields({ user_id: [NOT_A_WHOLE_NUMBER] });
  }
  return Number(raw);
}
