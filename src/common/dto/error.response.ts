import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** `{"detail": …, "code": …}`: every non-field error. */
export class ErrorResponse {
  @ApiProperty({ example: 'Token is invalid or expired' })
  detail: string;

  @ApiPropertyOptional({ example: 'token_not_valid' })
  code?: string;
}

/** DRF field errors: each invalid field maps to a list of messages. */
export class FieldErrorsResponse {
  @ApiPropertyOptional({ type: [String], example: ['This field is required.'] })
  username?: string[];

  @ApiPropertyOptional({ type: [String], example: ['Token is blacklisted'] })
  non_field_errors?: string[];
}
