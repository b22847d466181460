import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TokenPairResponse {
  @ApiProperty({ description: 'Refresh token (lifetime JWT_REFRESH_TOKEN_LIFETIME).' })
  refresh: string;

  @ApiProperty({
    description: 'Access token for `Authorization: Bearer …` (lifetime JWT_ACCESS_TOKEN_LIFETIME).',
  })
  access: string;
}

export class RefreshResponse {
  @ApiProperty()
  access: string;

  @ApiPropertyOptional({
    description: 'Only when JWT_ROTATE_REFRESH_TOKENS is on: the successor refresh token.',
  })
  refresh?: string;
}

export class SlidingTokenResponse {
  @ApiProperty()
  token: string;
}

export class EmptyResponse {}
