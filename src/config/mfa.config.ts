/**
 * Second factors (MFA_*, WEBAUTHN_*): TOTP with recovery codes, passkeys, the two-step login's
 * `mfa_token`, and whether staff must have a factor before the admin API answers them.
 */
export class MfaConfig {
  /** MFA_REQUIRED_FOR_STAFF: staff and superusers without a factor get 403 `mfa_required` from the admin API. */
  requiredForStaff: boolean;
  /** MFA_ENCRYPTION_KEY: TOTP secrets are sealed with AES-256-GCM under a key derived from it; undefined: stored in clear. */
  encryptionKey: string | undefined;
  /** MFA_TOKEN_LIFETIME: how long the second step may wait after the password, in seconds. */
  tokenLifetime: number;
  /** MFA_TOKEN_ATTEMPTS: wrong codes one `mfa_token` takes before it is spent. */
  tokenAttempts: number;
  /** MFA_ISSUER: the issuer an authenticator app shows beside the account. */
  issuer: string;
  /** WEBAUTHN_RP_ID: the passkeys' relying-party id (a registrable domain); undefined: passkeys off. */
  rpId: string | undefined;
  /** WEBAUTHN_RP_NAME: the name an authenticator shows. */
  rpName: string;
  /** WEBAUTHN_ORIGINS: the origins a passkey ceremony may come from (the page's `location.origin`). */
  origins: string[];
}
