import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Documentation of POST /api/users/ (parsed by readStringFields + UsersService.register). */
export class RegisterUserDto {
  @ApiProperty({
    example: 'alice',
    maxLength: 150,
    description: 'Letters, digits and @ . + - _; case-sensitive.',
  })
  username: string;

  @ApiProperty({
    example: 'correct horse battery',
    format: 'password',
    minLength: 8,
    maxLength: 1024,
    description: 'Not all digits, not the username. Used exactly as sent.',
  })
  password: string;

  @ApiPropertyOptional({ example: 'alice@example.com' })
  email?: string;
}
