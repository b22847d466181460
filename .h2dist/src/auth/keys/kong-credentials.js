"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KONG_CONSUMER = void 0;
exports.kongJwtSecrets = kongJwtSecrets;
exports.kongConsumerYaml = kongConsumerYaml;
exports.KONG_CONSUMER = 'bastion-tokens';
/**
 * Kong's jwt plugin credentials (`jwt_secrets` of one consumer) for the keys that sign ACCESS tokens:
 * `key` is the kid (the plugin runs with key_claim_name: kid), `rsa_public_key` the public PEM (Kong
 * uses that field for every asymmetric algorithm). Refresh-only keys are left out, so Kong refuses
 * refresh tokens when JWT_REFRESH_SIGNING_KEYS is set; HMAC keys are never written.
 */
function kongJwtSecrets(ring) {
    return ring
        .publicKeys()
        .filter((k) => k.scope !== 'refresh')
        .map((k) => ({
        key: k.kid,
        algorithm: k.algorithm,
        rsa_public_key: k.verifying.export({ format: 'pem', type: 'spki' }).toString(),
    }));
}
/** The declarative-config block (`consumers:`), as YAML, ready to merge into kong/kong.yml. */
function kongConsumerYaml(secrets, username = exports.KONG_CONSUMER) {
    const lines = ['consumers:', `  - username: ${username}`, '    jwt_secrets:'];
    for (const s of secrets) {
        lines.push(`      - key: ${JSON.stringify(s.key)}`, `        algorithm: ${s.algorithm}`, '        rsa_public_key: |');
        for (const pemLine of s.rsa_public_key.trimEnd().split('\n'))
            lines.push(`          ${pemLine}`);
    }
    return `${lines.join('\n')}\n`;
}
//# sourceMappingURL=kong-credentials.js.map