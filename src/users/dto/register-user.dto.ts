import { CharField } from '../../common/serializer-fields';

/** POST /api/users/: the username, email and password rules of Django's User and its validators. */
export class RegisterUserDto {
  @CharField({
    trim: true,
    maxLength: 150,
    example: 'bob',
    description: 'Letters, digits and @ . + - _; case-sensitive.',
  })
  username: string;

  @CharField({
    maxLength: 1024,
    example: 'another long passphrase',
    format: 'password',
    description: 'At least 8 characters, not all digits, not the username. Used exactly as sent.',
  })
  password: string;

  @CharField({ trim: true, required: false, allowBlank: true, maxLength: 254, example: 'bob@example.com' })
  email?: string;
}
