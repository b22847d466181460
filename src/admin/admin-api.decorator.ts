import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiAuthenticated } from '../common/api-responses';
import { ApiThrottled } from '../traffic/api-throttled.decorator';
import { StaffMfaGuard } from './staff-mfa.guard';

/**
 * An admin API controller: bearer token, documented so. Each route declares the model permission it
 * needs with @Permissions() (DRF's DjangoModelPermissions, Django admin's names): 403 without it.
 * With MFA_REQUIRED_FOR_STAFF, staff without a second factor get 403 `mfa_required` (StaffMfaGuard).
 */
export const AdminApi = (): ClassDecorator =>
  applyDecorators(ApiTags('admin'), ApiAuthenticated(), ApiThrottled(), UseGuards(StaffMfaGuard));
