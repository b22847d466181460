"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createJwsCodec = createJwsCodec;
exports.createKeyRing = createKeyRing;
exports.thumbprint = thumbprint;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const key_material_1 = require("../config/key-material");
const jws_codec_1 = require("./jws-codec");
const key_ring_1 = require("./keys/key-ring");
const DEV_KEY_FILE = 'jwt-signing.key';
/** Builds the codec once at start, with key objects ready for the hot path. */
function createJwsCodec(ring) {
    return new jws_codec_1.JwsCodec(ring);
}
/**
 * JWT_SIGNING_KEYS (kids; refresh keys apart when JWT_REFRESH_SIGNING_KEYS is set) plus the legacy
 * JWT_SIGNING_KEY. Without JWT_SIGNING_KEYS the legacy key signs everything, exactly as simplejwt
 * (an HMAC key: no kid in the header); with it, the legacy key only verifies tokens without kid.
 */
function createKeyRing(jwt, app) {
    const separate = jwt.refreshSigningKeys.length > 0;
    const keys = [
        ...jwt.signingKeys.map((s) => fromSpec(s, separate ? 'access' : 'both')),
        ...jwt.refreshSigningKeys.map((s) => fromSpec(s, 'refresh')),
    ];
    const legacy = legacyKey(jwt, app);
    if (legacy)
        keys.push(legacy);
    if (jwt.signingKeys.length === 0)
        return new key_ring_1.KeyRing(keys, { access: legacy, refresh: legacy });
    const find = (kid) => keys.find((k) => k.kid === kid);
    const access = find(jwt.activeKid);
    return new key_ring_1.KeyRing(keys, { access, refresh: separate ? find(jwt.refreshActiveKid) : access });
}
function fromSpec(s, scope) {
    if ((0, key_material_1.isHmac)(s.algorithm)) {
        const secret = (0, node_crypto_1.createSecretKey)(Buffer.from(s.material, 'utf8'));
        return { kid: s.kid, algorithm: s.algorithm, signing: secret, verifying: secret, scope, legacy: false };
    }
    const signing = s.material.includes('PRIVATE KEY') ? (0, node_crypto_1.createPrivateKey)(s.material) : null;
    const verifying = (0, node_crypto_1.createPublicKey)(signing ?? s.material);
    return { kid: s.kid, algorithm: s.algorithm, signing, verifying, scope, legacy: false };
}
/** JWT_SIGNING_KEY / JWT_VERIFYING_KEY (or, unkeyed and outside production, the development key). */
function legacyKey(jwt, app) {
    const keyed = jwt.signingKeys.length > 0;
    const base = { algorithm: jwt.algorithm, scope: 'both', legacy: true };
    if ((0, key_material_1.isHmac)(jwt.algorithm)) {
        if (keyed && jwt.signingKey === undefined)
            return undefined;
        const secret = (0, node_crypto_1.createSecretKey)(Buffer.from(jwt.signingKey ?? developmentKey(app.dataDir), 'utf8'));
        return { ...base, kid: undefined, signing: secret, verifying: secret };
    }
    if (jwt.signingKey === undefined && jwt.verifyingKey === undefined)
        return undefined;
    // Configuration validated the PEMs already; without a verifying key, the signing key's public half.
    const signing = jwt.signingKey === undefined ? null : (0, node_crypto_1.createPrivateKey)(jwt.signingKey);
    const verifying = (0, node_crypto_1.createPublicKey)(jwt.verifyingKey ?? signing);
    return { ...base, kid: thumbprint(verifying), signing: keyed ? null : signing, verifying };
}
/** RFC 7638 JWK thumbprint (SHA-256, base64url): the kid of a legacy asymmetric key. */
function thumbprint(publicKey) {
    const jwk = publicKey.export({ format: 'jwk' });
    const members = jwk.kty === 'RSA' ? ['e', 'kty', 'n'] : jwk.kty === 'EC' ? ['crv', 'kty', 'x', 'y'] : ['crv', 'kty', 'x'];
    const canonical = JSON.stringify(Object.fromEntries(members.map((m) => [m, jwk[m]])));
    return (0, node_crypto_1.createHash)('sha256').update(canonical).digest('base64url');
}
/**
 * Outside production, with no JWT_SIGNING_KEY: a random key generated once and kept in the data
 * directory, so tokens survive restarts. Production refuses to start without a real key.
 */
function developmentKey(dataDir) {
    const file = (0, node_path_1.join)(dataDir, DEV_KEY_FILE);
    const log = new common_1.Logger('JwtKeys');
    try {
        (0, node_fs_1.mkdirSync)(dataDir, { recursive: true });
        (0, node_fs_1.writeFileSync)(file, `${(0, node_crypto_1.randomBytes)(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
        log.warn(`JWT_SIGNING_KEY is not set: generated a development key in ${file}`);
    }
    catch (e) {
        if (e.code !== 'EEXIST')
            throw e;
        log.warn(`JWT_SIGNING_KEY is not set: using the development key in ${file}`);
    }
    return (0, node_fs_1.readFileSync)(file, 'utf8').trim();
}
//# sourceMappingURL=jws-codec.factory.js.map