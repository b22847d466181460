import { randomBytes } from 'node:crypto';

/** The claim that names a token's session. */
export const SID_CLAIM = 'sid';
const SID = /^[0-9a-f]{32}$/;

/** A token's session id: the string, undefined when the token has none, null when the claim is malformed. */
export function sidOf(claims: Record<string, unknown>): string | undefined | null {
  if (!Object.hasOwn(claims, SID_CLAIM)) return undefined;
  const sid = claims[SID_CLAIM];
  return typeof sid === 'string' && SID.test(sid) ? sid : null;
}

/** A new session id: 128 random bits, hex. */
export function newSid(): string {
  return randomBytes(16).toString('hex');
}
