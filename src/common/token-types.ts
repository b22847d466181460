export type TokenType = 'access' | 'refresh' | 'sliding';

export type Claims = Record<string, unknown>;

/** A token whose signature, times and required claims were checked. */
export interface ValidToken {
  /** The token as presented (trimmed). */
  raw: string;
  claims: Claims;
  /** The jti as text: its string value, or the JSON of a non-string jti. */
  jti: string;
  /** `exp` as epoch seconds (may be fractional). */
  exp: number;
}
