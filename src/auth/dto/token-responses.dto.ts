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

/**
 * A refused login (`{"detail"}` as simplejwt answers it) or, for a user with a second factor and the
 * right password, `mfa_required` with what the second step needs.
 */
export class LoginRefusedResponse {
  @ApiProperty({ example: 'Multi-factor authentication required.' })
  detail: string;

  @ApiPropertyOptional({ example: 'mfa_required' })
  code?: string;

  @ApiPropertyOptional({
    example: 'q8V0n3kP...',
    description: 'For POST /api/token/mfa/: single use, MFA_TOKEN_LIFETIME, MFA_TOKEN_ATTEMPTS tries',
  })
  mfa_token?: string;

  @ApiPropertyOptional({ type: [String], example: ['otp', 'recovery_code'] })
  methods?: string[];

  @ApiPropertyOptional({
    type: Object,
    description: 'With a passkey: the options for `navigator.credentials.get()`',
  })
  webauthn?: object;
}
