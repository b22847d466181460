import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from '../common/dto/error.response';

export class SecureResponse {
  @ApiProperty({ example: 'This is a secure endpoint.' })
  message: string;
}

const SECURE: SecureResponse = { message: 'This is a secure endpoint.' };

/** The seed's SecureEndpoint: any authenticated user. */
@ApiTags('secure')
@ApiBearerAuth()
@Controller('api/secure')
export class SecureController {
  @Get()
  @ApiOperation({ summary: 'Needs a valid access token' })
  @ApiOkResponse({ type: SecureResponse })
  @ApiUnauthorizedResponse({ type: ErrorResponse })
  get(): SecureResponse {
    return SECURE;
  }
}
