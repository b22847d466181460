import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Permissions } from '../common/access.decorator';
import { ApiAuthenticated } from '../common/api-responses';
import { ApiThrottled } from '../traffic/api-throttled.decorator';

export class SecureResponse {
  @ApiProperty({ example: 'This is a secure endpoint.' })
  message: string;
}

const SECURE: SecureResponse = { message: 'This is a secure endpoint.' };
const PERMITTED: SecureResponse = { message: 'You hold auth.view_user.' };

/** The example protected endpoint (any authenticated user), and the same behind a declared permission. */
@ApiTags('secure')
@ApiAuthenticated()
@ApiThrottled()
@Controller('api/secure')
export class SecureController {
  @Get()
  @ApiOperation({
    summary: 'Needs a valid access token',
    description: 'The example protected endpoint: any active user with a valid, unrevoked access token.',
  })
  @ApiOkResponse({ type: SecureResponse })
  get(): SecureResponse {
    return SECURE;
  }

  @Get('permission')
  @Permissions('auth.view_user')
  @ApiOperation({
    summary: 'Needs the auth.view_user permission',
    description:
      "The @Permissions() example (DRF's DjangoModelPermissions): a valid access token or API key of a " +
      'user holding auth.view_user, directly or through a group (superusers hold every permission).',
  })
  @ApiOkResponse({ type: SecureResponse })
  permission(): SecureResponse {
    return PERMITTED;
  }
}
