"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KEY_COMMANDS = void 0;
exports.generatePemPair = generatePemPair;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const jws_codec_factory_1 = require("../auth/jws-codec.factory");
const kong_credentials_1 = require("../auth/keys/kong-credentials");
const jwt_config_1 = require("../config/jwt.config");
const signing_keys_1 = require("../config/signing-keys");
const cli_args_1 = require("./cli-args");
const ASYMMETRIC = jwt_config_1.JWT_ALGORITHMS.filter((a) => !a.startsWith('HS'));
/** A new key pair as PEMs: PKCS#8 private key, SPKI public key. */
function generatePemPair(alg) {
    const pair = alg.startsWith('RS')
        ? (0, node_crypto_1.generateKeyPairSync)('rsa', { modulusLength: 2048 })
        : alg === 'EdDSA'
            ? (0, node_crypto_1.generateKeyPairSync)('ed25519')
            : (0, node_crypto_1.generateKeyPairSync)('ec', {
                namedCurve: { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }[alg],
            });
    return {
        privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
}
/** Key tools: they need no database, so they run without booting the application. */
exports.KEY_COMMANDS = {
    genkey: {
        usage: `genkey --alg ${ASYMMETRIC.join('|')} [--kid K] [--out DIR]   (writes DIR/K.ALG.pem and DIR/K.ALG.pub.pem)`,
        valued: ['alg', 'kid', 'out'],
        offline(args, io) {
            args.only('alg', 'kid', 'out');
            const alg = args.value('alg');
            if (alg === undefined || !ASYMMETRIC.includes(alg))
                throw new cli_args_1.UsageError(`--alg: one of ${ASYMMETRIC.join(', ')}`);
            const kid = args.value('kid') ?? `${new Date().toISOString().slice(0, 10)}-${(0, node_crypto_1.randomBytes)(3).toString('hex')}`;
            if (!signing_keys_1.KID_PATTERN.test(kid))
                throw new cli_args_1.UsageError('--kid: 1-64 letters, digits, ".", "_" or "-"');
            const dir = (0, node_path_1.resolve)(args.value('out') ?? 'keys');
            (0, node_fs_1.mkdirSync)(dir, { recursive: true, mode: 0o700 });
            const { privateKey, publicKey } = generatePemPair(alg);
            const priv = (0, node_path_1.join)(dir, `${kid}.${alg}.pem`);
            (0, node_fs_1.writeFileSync)(priv, privateKey, { mode: 0o600, flag: 'wx' });
            (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, `${kid}.${alg}.pub.pem`), publicKey, { mode: 0o644, flag: 'wx' });
            io.out(`Wrote ${priv} and its public half ${kid}.${alg}.pub.pem.`);
            io.out(`Use it: JWT_SIGNING_KEYS=dir:${dir} JWT_SIGNING_KID=${kid}`);
            return Promise.resolve();
        },
    },
    'kong-config': {
        usage: 'kong-config [--out FILE]   (Kong jwt credentials of the current access-token keys, as YAML)',
        valued: ['out'],
        offline(args, io, config) {
            args.only('out');
            const { jwt, app } = config();
            const hmacOnly = jwt.signingKeys.length === 0 && jwt.algorithm.startsWith('HS');
            const secrets = hmacOnly ? [] : (0, kong_credentials_1.kongJwtSecrets)((0, jws_codec_factory_1.createKeyRing)(jwt, app));
            if (secrets.length === 0) {
                throw new cli_args_1.UsageError('no asymmetric access-token keys: Kong would need the HMAC secret. Use JWT_SIGNING_KEYS with RS*/ES*/EdDSA keys');
            }
            const yaml = (0, kong_credentials_1.kongConsumerYaml)(secrets);
            const out = args.value('out');
            if (out === undefined)
                io.out(yaml.trimEnd());
            else {
                (0, node_fs_1.writeFileSync)(out, yaml);
                io.out(`Wrote ${secrets.length} credential(s) to ${out}.`);
            }
            return Promise.resolve();
        },
    },
};
//# sourceMappingURL=key-commands.js.map