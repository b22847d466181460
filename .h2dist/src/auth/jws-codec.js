"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JwsCodec = exports.InvalidJwsError = void 0;
const node_crypto_1 = require("node:crypto");
/** Thrown for anything that is not a well-formed, correctly signed JWS of the configured algorithm. */
class InvalidJwsError extends Error {
    constructor(reason) {
        super(reason);
        this.name = 'InvalidJwsError';
    }
}
exports.InvalidJwsError = InvalidJwsError;
const HASH = {
    HS256: 'sha256',
    HS384: 'sha384',
    HS512: 'sha512',
    RS256: 'sha256',
    RS384: 'sha384',
    RS512: 'sha512',
    ES256: 'sha256',
    ES384: 'sha384',
    ES512: 'sha512',
    EdDSA: null,
};
/** Header members that would let a token choose or carry its own key (RFC 8725 §3.10): never honoured. */
const FORBIDDEN_HEADER = ['crit', 'jku', 'x5u', 'jwk', 'x5c'];
const B64URL = /^[A-Za-z0-9_-]*$/;
/**
 * Compact JWS over node:crypto, keys built once (STYLE: hot paths stay cheap). The only place
 * signatures are made and checked. Verification is strict: exactly three canonical base64url
 * segments, a JSON object header, no key-selecting header members (jku, x5u, jwk, x5c, crit),
 * the key chosen by `kid` from the configured ring (KeyRing.select), `alg` exactly that key's
 * algorithm (so an RSA public key can never be used as an HMAC secret), a valid signature.
 */
class JwsCodec {
    ring;
    headers = new Map();
    constructor(ring) {
        this.ring = ring;
    }
    /** Signs with the active key for `use`; its kid (if any) goes into the header. */
    sign(payload, use = 'access') {
        const key = this.ring.signer(use);
        const input = `${this.header(key)}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
        return `${input}.${signature(key, input).toString('base64url')}`;
    }
    /** The payload of a valid token for `use` ('any': whatever key signed it); throws InvalidJwsError otherwise. */
    verify(token, use = 'any') {
        const parts = token.split('.');
        if (parts.length !== 3)
            throw new InvalidJwsError('not three segments');
        const [h, p, s] = parts;
        const header = decodeJsonSegment(h);
        for (const member of FORBIDDEN_HEADER) {
            if (Object.hasOwn(header, member))
                throw new InvalidJwsError(`header member ${member} refused`);
        }
        const kid = header.kid;
        if (kid !== undefined && typeof kid !== 'string')
            throw new InvalidJwsError('kid is not a string');
        const key = this.ring.select(kid, use);
        if (key === undefined)
            throw new InvalidJwsError('unknown kid');
        if (header.alg !== key.algorithm)
            throw new InvalidJwsError('algorithm not allowed');
        if (!check(key, `${h}.${p}`, decodeSegment(s)))
            throw new InvalidJwsError('bad signature');
        return decodeJsonSegment(p);
    }
    header(key) {
        let segment = this.headers.get(key);
        if (segment === undefined) {
            const header = key.kid === undefined
                ? { alg: key.algorithm, typ: 'JWT' }
                : { alg: key.algorithm, typ: 'JWT', kid: key.kid };
            segment = Buffer.from(JSON.stringify(header)).toString('base64url');
            this.headers.set(key, segment);
        }
        return segment;
    }
}
exports.JwsCodec = JwsCodec;
function signature(key, input) {
    if (key.signing === null)
        throw new Error(`key ${key.kid} is verify-only`);
    const hash = HASH[key.algorithm];
    if (key.algorithm.startsWith('HS'))
        return (0, node_crypto_1.createHmac)(hash, key.signing).update(input).digest();
    return (0, node_crypto_1.sign)(hash, Buffer.from(input), { key: key.signing, dsaEncoding: 'ieee-p1363' });
}
function check(key, input, sig) {
    const hash = HASH[key.algorithm];
    if (key.algorithm.startsWith('HS')) {
        const expected = (0, node_crypto_1.createHmac)(hash, key.verifying).update(input).digest();
        return expected.length === sig.length && (0, node_crypto_1.timingSafeEqual)(expected, sig);
    }
    try {
        return (0, node_crypto_1.verify)(hash, Buffer.from(input), { key: key.verifying, dsaEncoding: 'ieee-p1363' }, sig);
    }
    catch {
        return false;
    }
}
/** Base64url without padding, canonical: re-encoding must give the same text (no stray bits). */
function decodeSegment(segment) {
    if (segment === '' || !B64URL.test(segment) || segment.length % 4 === 1) {
        throw new InvalidJwsError('bad base64url');
    }
    const bytes = Buffer.from(segment, 'base64url');
    if (bytes.toString('base64url') !== segment)
        throw new InvalidJwsError('non-canonical base64url');
    return bytes;
}
function decodeJsonSegment(segment) {
    let value;
    try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(decodeSegment(segment)));
    }
    catch (e) {
        if (e instanceof InvalidJwsError)
            throw e;
        throw new InvalidJwsError('segment is not JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new InvalidJwsError('segment is not a JSON object');
    }
    return value;
}
//# sourceMappingURL=jws-codec.js.map