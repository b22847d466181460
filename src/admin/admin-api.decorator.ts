import { applyDecorators } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiAuthenticated } from '../common/api-responses';
import { ApiThrottled } from '../traffic/api-throttled.decorator';

/**
 * An admin API controller: bearer token, documented so. Each route declares the model permission it
 * needs with @Permissions() (DRF's DjangoModelPermissions, Django admin's names): 403 without it.
 */
export const AdminApi = (): ClassDecorator =>
  applyDecorators(ApiTags('admin'), ApiAuthenticated(), ApiThrottled());
