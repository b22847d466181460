import { CharField } from '../../common/serializer-fields';

/** POST /api/users/me/password/. */
export class ChangePasswordDto {
  @CharField({
    format: 'password',
    example: 'another long passphrase',
    description: 'Used exactly as sent.',
  })
  old_password: string;

  @CharField({
    maxLength: 1024,
    format: 'password',
    example: 'a new and longer passphrase',
    description: "Django's default password validators apply (at least 8 characters, not all digits, ...).",
  })
  new_password: string;
}
