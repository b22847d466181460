"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JwtConfig = exports.JWT_ALGORITHMS = void 0;
exports.JWT_ALGORITHMS = [
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
];
/** simplejwt's SIMPLE_JWT settings, lifetimes in seconds. Injected by class. */
class JwtConfig {
    accessLifetime;
    refreshLifetime;
    slidingLifetime;
    slidingRefreshLifetime;
    rotateRefreshTokens;
    blacklistAfterRotation;
    algorithm;
    /** HMAC secret or private key PEM (already read from `file:`); undefined: a development key is used. */
    signingKey;
    /** Public key PEM for asymmetric algorithms; derived from the signing key when unset. */
    verifyingKey;
    audience;
    issuer;
    leeway;
    authHeaderTypes;
    userIdField;
    userIdClaim;
    tokenTypeClaim;
    jtiClaim;
    slidingRefreshExpClaim;
    updateLastLogin;
    /** JWT_SIGNING_KEYS: keys with a `kid`; empty when only the legacy JWT_SIGNING_KEY is used. */
    signingKeys;
    /** The kid that signs access (and sliding) tokens; undefined when signingKeys is empty. */
    activeKid;
    /** JWT_REFRESH_SIGNING_KEYS: separate refresh-token keys; empty = refresh tokens use signingKeys. */
    refreshSigningKeys;
    refreshActiveKid;
    /** Cache-Control max-age of /.well-known/jwks.json, seconds. */
    jwksMaxAge;
    /** JWT_REFRESH_COOKIE: obtain/refresh also set the refresh token in an HttpOnly cookie on /api/token. */
    refreshCookie;
    /** JWT_REFRESH_COOKIE_ONLY: and leave it out of the response body. */
    refreshCookieOnly;
    refreshCookieName;
}
exports.JwtConfig = JwtConfig;
//# sourceMappingURL=jwt.config.js.map