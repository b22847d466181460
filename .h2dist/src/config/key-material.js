"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIN_HMAC_KEY_BYTES = void 0;
exports.isHmac = isHmac;
exports.keyFitsAlgorithm = keyFitsAlgorithm;
exports.checkKeyMaterial = checkKeyMaterial;
const node_crypto_1 = require("node:crypto");
exports.MIN_HMAC_KEY_BYTES = 32;
/** The key type (and curve) node:crypto reports for each asymmetric algorithm. */
const ASYMMETRIC = {
    RS256: { type: 'rsa' },
    RS384: { type: 'rsa' },
    RS512: { type: 'rsa' },
    ES256: { type: 'ec', curve: 'prime256v1' },
    ES384: { type: 'ec', curve: 'secp384r1' },
    ES512: { type: 'ec', curve: 'secp521r1' },
};
function isHmac(alg) {
    return alg.startsWith('HS');
}
/** True when `key` (a KeyObject) can sign or verify `alg`. */
function keyFitsAlgorithm(key, alg) {
    if (alg === 'EdDSA')
        return key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448';
    const want = ASYMMETRIC[alg];
    if (!want || key.asymmetricKeyType !== want.type)
        return false;
    return !want.curve || key.asymmetricKeyDetails?.namedCurve === want.curve;
}
/** Refuses key material that cannot work with the algorithm, and weak HMAC keys in production. */
function checkKeyMaterial(r, s) {
    if (isHmac(s.algorithm)) {
        if (s.signingKey === undefined && s.production && !s.keyed) {
            r.fail('JWT_SIGNING_KEY', `required with NODE_ENV=production (at least ${exports.MIN_HMAC_KEY_BYTES} bytes)`);
        }
        else if (s.signingKey !== undefined &&
            Buffer.byteLength(s.signingKey) < exports.MIN_HMAC_KEY_BYTES &&
            s.production) {
            r.fail('JWT_SIGNING_KEY', `too short for ${s.algorithm}: at least ${exports.MIN_HMAC_KEY_BYTES} bytes are required`);
        }
        return;
    }
    if (s.signingKey === undefined) {
        if (!s.keyed)
            r.fail('JWT_SIGNING_KEY', `a private key PEM (or file:path) is required for ${s.algorithm}`);
    }
    else {
        checkPrivate(r, s.signingKey, s.algorithm);
    }
    if (s.verifyingKey === undefined)
        return;
    try {
        if (!keyFitsAlgorithm((0, node_crypto_1.createPublicKey)(s.verifyingKey), s.algorithm)) {
            r.fail('JWT_VERIFYING_KEY', `the public key does not fit ${s.algorithm}`);
        }
    }
    catch {
        r.fail('JWT_VERIFYING_KEY', `not a public key PEM usable with ${s.algorithm}`);
    }
}
function checkPrivate(r, pem, algorithm) {
    try {
        if (!keyFitsAlgorithm((0, node_crypto_1.createPrivateKey)(pem), algorithm)) {
            r.fail('JWT_SIGNING_KEY', `the private key does not fit ${algorithm}`);
        }
    }
    catch {
        r.fail('JWT_SIGNING_KEY', `not a private key PEM usable with ${algorithm}`);
    }
}
//# sourceMappingURL=key-material.js.map