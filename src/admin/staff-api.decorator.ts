import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiAuthenticated, ApiError, ApiThrottled } from '../common/api-responses';
import { MSG } from '../common/errors';
import { StaffOnlyGuard } from './staff-only.guard';

/** A staff-only admin controller: bearer token, is_staff (403 permission_denied otherwise), documented so. */
export const StaffApi = (): ClassDecorator =>
  applyDecorators(
    ApiTags('admin'),
    ApiAuthenticated(),
    ApiError(403, 'Not staff', { detail: MSG.permissionDenied, code: 'permission_denied' }),
    ApiThrottled(),
    UseGuards(StaffOnlyGuard),
  );
