import { ApiProperty } from '@nestjs/swagger';

// Request bodies of the token endpoints, for the OpenAPI document. Parsing is readStringFields
// (DRF's CharField rules), so these classes carry documentation only.

export class ObtainTokenDto {
  @ApiProperty({ example: 'alice', description: 'Case-sensitive; surrounding whitespace is ignored.' })
  username: string;

  @ApiProperty({ example: 'correct horse battery', format: 'password', description: 'Used exactly as sent.' })
  password: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'A refresh token from POST /api/token/.' })
  refresh: string;
}

export class VerifyTokenDto {
  @ApiProperty({ description: 'A token of any type.' })
  token: string;
}

export class SlidingTokenDto {
  @ApiProperty({ description: 'A sliding token from POST /api/token/sliding/.' })
  token: string;
}
