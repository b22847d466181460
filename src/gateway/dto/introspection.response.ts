import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** RFC 7662 section 2.2: `{"active": false}` alone, or the token's facts. */
export class IntrospectionResponse {
  @ApiProperty({ example: true })
  active: boolean;

  @ApiPropertyOptional({ example: '42', description: "The user's id" })
  sub?: string;

  @ApiPropertyOptional({ example: 'alice' })
  username?: string;

  @ApiPropertyOptional({ example: 1767225600 })
  exp?: number;

  @ApiPropertyOptional({ example: 1767225300 })
  iat?: number;

  @ApiPropertyOptional({ example: '0b5c3f0e2d6a4f9c8e1b7a3d5c9f2e4b' })
  jti?: string;

  @ApiPropertyOptional({ example: 'access', enum: ['access', 'refresh', 'sliding'] })
  token_type?: string;

  @ApiPropertyOptional({
    example: 'orders.view_order orders.add_order',
    description: "The user's permissions now, space-separated (`*`: a superuser holds every permission)",
  })
  scope?: string;
}
