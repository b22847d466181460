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
