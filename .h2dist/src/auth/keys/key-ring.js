"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KeyRing = void 0;
/**
 * Every configured key, by kid, with the active signer of each token use. Built once at start.
 *
 * Key selection (never from jku/x5u/jwk/x5c, which the codec refuses):
 * - a token with `kid`: the key with that kid, if its scope covers the expected use; otherwise none;
 * - a token without `kid`: the legacy key (JWT_SIGNING_KEY) if one is configured; otherwise none.
 */
class KeyRing {
    keys;
    signers;
    byKid = new Map();
    legacyKey;
    constructor(keys, signers) {
        this.keys = keys;
        this.signers = signers;
        for (const k of keys)
            if (k.kid !== undefined)
                this.byKid.set(k.kid, k);
        this.legacyKey = keys.find((k) => k.legacy);
    }
    signer(use) {
        return this.signers[use];
    }
    /** The key a token's header selects for `use` ('any': the verify endpoint), or undefined. */
    select(kid, use) {
        const key = kid === undefined ? this.legacyKey : this.byKid.get(kid);
        if (key === undefined || use === 'any' || key.scope === 'both' || key.scope === use)
            return key;
        return undefined;
    }
    /** Asymmetric keys (public halves) for the JWKS document and Kong; HMAC keys are never published. */
    publicKeys() {
        return this.keys.filter((k) => k.kid !== undefined && !k.algorithm.startsWith('HS'));
    }
}
exports.KeyRing = KeyRing;
//# sourceMappingURL=key-ring.js.map