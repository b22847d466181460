export const JWT_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** simplejwt's SIMPLE_JWT settings, lifetimes in seconds. Injected by class. */
export class JwtConfig {
  accessLifetime: number;
  refreshLifetime: number;
  slidingLifetime: number;
  slidingRefreshLifetime: number;
  rotateRefreshTokens: boolean;
  blacklistAfterRotation: boolean;
  algorithm: JwtAlgorithm;
  /** HMAC secret or private key PEM (already read from `file:`); undefined: a development key is used. */
  signingKey: string | undefined;
  /** Public key PEM for asymmetric algorithms; derived from the signing key when unset. */
  verifyingKey: string | undefined;
  audience: string | undefined;
  issuer: string | undefined;
  leeway: number;
  authHeaderTypes: string[];
  userIdField: 'id' | 'username';
  userIdClaim: string;
  tokenTypeClaim: string;
  jtiClaim: string;
  slidingRefreshExpClaim: string;
  updateLastLogin: boolean;
}
