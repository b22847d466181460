"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.publicJwk = publicJwk;
exports.jwksDocument = jwksDocument;
/** RFC 7517 JWK of a key's public half: only public members, never `d` or an HMAC secret. */
function publicJwk(key) {
    const exported = key.verifying.export({ format: 'jwk' });
    const members = exported.kty === 'RSA' ? ['n', 'e'] : exported.kty === 'EC' ? ['crv', 'x', 'y'] : ['crv', 'x'];
    const jwk = {
        kty: exported.kty,
        use: 'sig',
        kid: key.kid,
        alg: key.algorithm,
        token_use: key.scope === 'both' ? 'any' : key.scope,
    };
    for (const m of members)
        jwk[m] = exported[m];
    return jwk;
}
/** The JWKS document: every asymmetric verification key, access and refresh, active and verify-only. */
function jwksDocument(ring) {
    return { keys: ring.publicKeys().map(publicJwk) };
}
//# sourceMappingURL=jwks.js.map