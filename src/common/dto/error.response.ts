import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** `{"detail": …, "code": …}`: every non-field error (`code` where simplejwt/DRF sends one). */
export class ErrorResponse {
  @ApiProperty({ example: 'Token is invalid or expired' })
  detail: string;

  @ApiPropertyOptional({ example: 'token_not_valid' })
  code?: string;
}

class TokenMessage {
  @ApiProperty({ example: 'AccessToken' })
  token_class: string;

  @ApiProperty({ example: 'access' })
  token_type: string;

  @ApiProperty({ example: 'Token is invalid or expired' })
  message: string;
}

/** A refused bearer token: simplejwt's JWTAuthentication body (`messages` when a token was sent). */
export class AuthErrorResponse extends ErrorResponse {
  @ApiPropertyOptional({ type: [TokenMessage] })
  messages?: TokenMessage[];
}

class RefusingLimit {
  @ApiProperty({
    example: 'login',
    description: 'The limit that refused: default, login, login_user, token, register',
  })
  scope: string;

  @ApiProperty({ example: '10/1m', description: 'Its requests per window' })
  rate: string;

  @ApiProperty({ example: 'THROTTLE_LOGIN', description: 'The setting that changes it' })
  setting: string;
}

/** A 429: DRF's body, plus which limit refused. */
export class ThrottledResponse extends ErrorResponse {
  @ApiProperty({ type: RefusingLimit })
  limit: RefusingLimit;
}
