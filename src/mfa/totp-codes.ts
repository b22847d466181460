import { randomBytes } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';

/** Codes one step either side of the current one are accepted (RFC 6238 §5.2: clock skew). */
const WINDOW = 1;
/** 20 bytes: the SHA-1 block's worth RFC 4226 recommends (django-otp's default too). */
const KEY_BYTES = 20;

/** A device's TOTP parameters, as django-otp's TOTPDevice keeps them. */
export interface TotpParams {
  /** The key, hex. */
  keyHex: string;
  digits: number;
  /** Seconds per time-step. */
  step: number;
  /** The Unix time counting starts from, in seconds. */
  t0: number;
  /** Steps the device's clock is known to be off by. */
  drift: number;
}

export const newTotpKeyHex = (): string => randomBytes(KEY_BYTES).toString('hex');

export const base32Of = (keyHex: string): string => Secret.fromHex(keyHex).base32;

/** The time-step of `nowMs` for a device: (now - t0) / step, floored. */
export const timeStepAt = (p: TotpParams, nowMs: number): number =>
  Math.floor((nowMs / 1000 - p.t0) / p.step);

/** The code for the time-step of `nowMs` (the CLI's `totp` command, the tests). */
export function totpCode(p: TotpParams, nowMs: number): string {
  const counter = timeStepAt(p, nowMs) + p.drift;
  return HOTP.generate({ secret: Secret.fromHex(p.keyHex), digits: p.digits, counter });
}

/** The time-step whose code `code` is within the window around now; null when none is. */
export function matchingStep(p: TotpParams, code: string, nowMs: number): number | null {
  if (!/^\d+$/.test(code) || code.length !== p.digits) return null;
  const counter = timeStepAt(p, nowMs) + p.drift;
  const delta = HOTP.validate({
    token: code,
    secret: Secret.fromHex(p.keyHex),
    digits: p.digits,
    counter,
    window: WINDOW,
  });
  return delta === null ? null : counter + delta;
}

/** The `otpauth://totp/...` URL authenticator apps scan (Key Uri Format). */
export function otpauthUrl(issuer: string, account: string, p: TotpParams): string {
  return new TOTP({
    issuer,
    label: account,
    secret: Secret.fromHex(p.keyHex),
    digits: p.digits,
    period: p.step,
  }).toString();
}
