import { CharField } from '../../common/serializer-fields';

/** POST /api/token/ and /api/token/sliding/: simplejwt's TokenObtainSerializer. */
export class ObtainTokenDto {
  @CharField({
    trim: true,
    example: 'bob',
    description: 'Case-sensitive; surrounding whitespace is ignored.',
  })
  username: string;

  @CharField({
    example: 'another long passphrase',
    format: 'password',
    description: 'Used exactly as sent.',
  })
  password: string;

  @CharField({
    required: false,
    trim: true,
    maxLength: 16,
    example: '123456',
    description:
      'Only for a user with a TOTP factor: the current code, to get the answer in one request instead of ' +
      'two. Ignored for everyone else.',
  })
  otp?: string;
}
