/** Second factors as the services see them (camelCase; the tables stay in MfaRepository). */

export type MfaKind = 'totp' | 'webauthn';

/** What a challenge is for: a login's second step answering a pair or a sliding token, or a passkey registration. */
export type MfaPurpose = 'pair' | 'sliding' | 'passkey';

export interface MfaDevice {
  id: string;
  userId: number;
  kind: MfaKind;
  name: string;
  confirmed: boolean;
  created: Date;
  lastUsed: Date | null;
}

/** A TOTP device with what checking a code needs (the secret still sealed). */
export interface TotpDevice extends MfaDevice {
  secret: string;
  digits: number;
  step: number;
  t0: number;
  drift: number;
  lastT: number;
}

/** A passkey with what checking an assertion needs. */
export interface Passkey extends MfaDevice {
  credentialId: string;
  publicKey: string;
  signCount: number;
}

export interface NewTotpDevice {
  userId: number;
  name: string;
  secret: string;
  digits?: number;
  step?: number;
  t0?: number;
  drift?: number;
  lastT?: number;
  confirmed: boolean;
}

export interface MfaChallenge {
  userId: number;
  purpose: MfaPurpose;
  webauthnChallenge: string | null;
}
