import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiAuthenticated, ApiThrottled } from '../common/api-responses';

export class SecureResponse {
  @ApiProperty({ example: 'This is a secure endpoint.' })
  message: string;
}

const SECURE: SecureResponse = { message: 'This is a secure endpoint.' };

/** The seed's SecureEndpoint: any authenticated user. */
@ApiTags('secure')
@ApiAuthenticated()
@ApiThrottled()
@Controller('api/secure')
export class SecureController {
  @Get()
  @ApiOperation({
    summary: 'Needs a valid access token',
    description: "The seed's SecureEndpoint: any active user with a valid, unrevoked access token.",
  })
  @ApiOkResponse({ type: SecureResponse })
  get(): SecureResponse {
    return SECURE;
  }
}
