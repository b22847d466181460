import { DomainError } from '../common/domain-error';

/** The second factor's messages and refusals, each written once. */
export const MFA_MSG = {
  required: 'Multi-factor authentication required.',
  staffRequired: 'Staff accounts need a second factor: enrol one at /api/users/me/mfa/ first.',
  codeInvalid: 'Invalid code.',
  tokenInvalid: 'MFA token is invalid or expired.',
  wrongPassword: 'Wrong password.',
  noPending: 'No TOTP enrolment to confirm: start one with POST /api/users/me/mfa/totp/.',
  noFactor: 'You have no second factor.',
  oneProof: 'Send exactly one of otp, recovery_code or webauthn.',
  passkeysOff: 'Passkeys are not enabled on this server (WEBAUTHN_RP_ID).',
} as const;

export const MfaErrors = {
  /** 401: the password was right, a second factor is due (Auth0's mfa_required shape). */
  required: (mfaToken: string, methods: string[], extra: Record<string, unknown> = {}) =>
    new DomainError('authentication_failed', {
      detail: MFA_MSG.required,
      code: 'mfa_required',
      mfa_token: mfaToken,
      methods,
      ...extra,
    }),
  codeInvalid: () =>
    new DomainError('authentication_failed', { detail: MFA_MSG.codeInvalid, code: 'mfa_code_invalid' }),
  tokenInvalid: () =>
    new DomainError('authentication_failed', { detail: MFA_MSG.tokenInvalid, code: 'mfa_token_invalid' }),
  /** 403 from the admin API (MFA_REQUIRED_FOR_STAFF). */
  staffRequired: () =>
    new DomainError('permission_denied', { detail: MFA_MSG.staffRequired, code: 'mfa_required' }),
  field: (field: string, message: string) => DomainError.fields({ [field]: [message] }),
};
