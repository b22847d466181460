import { CharField, DictField } from '../../common/serializer-fields';

const PASSWORD = {
  format: 'password',
  example: 'correct horse battery staple',
  description: 'The current password, again.',
};
const OTP = {
  trim: true,
  maxLength: 16,
  example: '123456',
  description: 'The current code of the authenticator app.',
};
const RECOVERY = {
  trim: true,
  maxLength: 32,
  example: 'k3j9q-7xw2m',
  description: 'One of the recovery codes (each works once).',
};

/** POST /api/users/me/mfa/totp/, /webauthn/ and /recovery-codes/. */
export class ReconfirmPasswordDto {
  @CharField(PASSWORD)
  password: string;
}

/** POST /api/users/me/mfa/totp/confirm/. */
export class ConfirmTotpDto {
  @CharField(OTP)
  otp: string;
}

/** POST /api/users/me/mfa/webauthn/confirm/. */
export class ConfirmPasskeyDto {
  @DictField({
    description:
      'The registration response, as `navigator.credentials.create()` gives it in JSON (`toJSON()`).',
  })
  credential: Record<string, unknown>;

  @CharField({
    required: false,
    trim: true,
    maxLength: 64,
    example: 'YubiKey',
    description: 'A name to tell it apart.',
  })
  name?: string;
}

/** DELETE /api/users/me/mfa/{id}/. */
export class RemoveFactorDto {
  @CharField(PASSWORD)
  password: string;

  @CharField({
    ...OTP,
    required: false,
    description: 'Removing the last factor: a current code (or `recovery_code`).',
  })
  otp?: string;

  @CharField({ ...RECOVERY, required: false })
  recovery_code?: string;
}

/** POST /api/token/mfa/: the login's second step. */
export class CompleteMfaDto {
  @CharField({
    trim: true,
    maxLength: 128,
    description: 'From the 401 `mfa_required` answer of the first step.',
  })
  mfa_token: string;

  @CharField({ ...OTP, required: false })
  otp?: string;

  @CharField({ ...RECOVERY, required: false })
  recovery_code?: string;

  @DictField({
    required: false,
    description: 'A passkey assertion, as `navigator.credentials.get()` gives it in JSON.',
  })
  webauthn?: Record<string, unknown>;
}
