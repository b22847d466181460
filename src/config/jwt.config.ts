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
] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** jsonwebtoken (behind @nestjs/jwt) cannot sign or verify EdDSA; simplejwt's own list is HS/RS/ES too. */
export const UNSUPPORTED_ALGORITHMS: Record<string, string> = {
  EdDSA: 'EdDSA is not supported (jsonwebtoken has no EdDSA); use ES256/384/512 or RS256/384/512',
};

/** One entry of JWT_SIGNING_KEYS / JWT_REFRESH_SIGNING_KEYS, its material already read. */
export interface SigningKeySpec {
  kid: string;
  algorithm: JwtAlgorithm;
  /** HMAC secret, private key PEM (can sign) or public key PEM (verify-only). */
  material: string;
  /** Where it came from (file, env variable, directory entry), for messages. */
  source: string;
}

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
  /** AUTH_TOKEN_CLASSES: the token types that authenticate a request (simplejwt: AccessToken only). */
  authTokenClasses: ('access' | 'sliding')[];
  userIdField: 'id' | 'username';
  userIdClaim: string;
  tokenTypeClaim: string;
  jtiClaim: string;
  slidingRefreshExpClaim: string;
  updateLastLogin: boolean;
  /** JWT_SIGNING_KEYS: keys with a `kid`; empty when only the legacy JWT_SIGNING_KEY is used. */
  signingKeys: SigningKeySpec[];
  /** The kid that signs access (and sliding) tokens; undefined when signingKeys is empty. */
  activeKid: string | undefined;
  /** JWT_REFRESH_SIGNING_KEYS: separate refresh-token keys; empty = refresh tokens use signingKeys. */
  refreshSigningKeys: SigningKeySpec[];
  refreshActiveKid: string | undefined;
  /** Cache-Control max-age of /.well-known/jwks.json, seconds. */
  jwksMaxAge: number;
  /** JWT_REFRESH_COOKIE: obtain/refresh also set the refresh token in an HttpOnly cookie on /api/token. */
  refreshCookie: boolean;
  /** JWT_REFRESH_COOKIE_ONLY: and leave it out of the response body. */
  refreshCookieOnly: boolean;
  refreshCookieName: string;
}
