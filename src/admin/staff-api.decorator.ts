import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponse } from '../common/dto/error.response';
import { StaffOnlyGuard } from './staff-only.guard';

/** A staff-only admin controller: bearer token, is_staff (403 permission_denied otherwise), documented so. */
export const StaffApi = (): ClassDecorator =>
  applyDecorators(
    ApiTags('admin'),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorResponse }),
    ApiForbiddenResponse({ description: 'Not staff (permission_denied)', type: ErrorResponse }),
    UseGuards(StaffOnlyGuard),
  );
