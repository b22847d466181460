import { Controller, Get, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
} from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app.config';
import { DomainError } from '../common/domain-error';
import { ErrorResponse, FieldErrorsResponse } from '../common/dto/error.response';
import { SecurityEventsService } from '../security-events/security-events.service';
import { SecurityEventPage, SecurityEventResponse } from './dto/admin.responses';
import { pageNumber, paginate, PAGE_SIZE, queryValue, textQuery } from './pagination';
import { StaffApi } from './staff-api.decorator';

/** Staff only: the security event log, newest first. */
@StaffApi()
@Controller('api/admin/events')
export class AdminEventsController {
  constructor(
    private readonly events: SecurityEventsService,
    private readonly app: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Security events (login, refresh, reuse, logout, revocations, password changes)' })
  @ApiQuery({ name: 'user_id', required: false, type: Number })
  @ApiQuery({ name: 'type', required: false, example: 'reuse_detected' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiOkResponse({ type: SecurityEventPage })
  @ApiBadRequestResponse({ description: 'user_id is not a whole number', type: FieldErrorsResponse })
  @ApiNotFoundResponse({ description: 'Invalid page.', type: ErrorResponse })
  async list(@Req() req: FastifyRequest): Promise<SecurityEventPage> {
    const page = pageNumber(req);
    const filter = {
      userId: userIdFilter(queryValue(req, 'user_id')),
      type: textQuery(req, 'type', 41) || undefined,
    };
    const { count, rows } = await this.events.page(filter, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    return paginate(
      req,
      page,
      count,
      rows.map((r) => SecurityEventResponse.of(r)),
      this.app.publicUrl,
    );
  }
}

function userIdFilter(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\s*\d{1,10}\s*$/.test(raw) || Number(raw) > 2147483647) {
    throw DomainError.fields({ user_id: ['Enter a whole number.'] });
  }
  return Number(raw);
}
