"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KID_PATTERN = void 0;
exports.readKeySets = readKeySets;
exports.canSign = canSign;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const jwt_config_1 = require("./jwt.config");
const key_material_1 = require("./key-material");
exports.KID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
/** A directory entry: `<kid>.<alg>.pem` (private key) or `<kid>.<alg>.pub.pem` (public, verify-only); other files are ignored. */
const DIR_ENTRY = new RegExp(`^([A-Za-z0-9._-]{1,64})\\.(${jwt_config_1.JWT_ALGORITHMS.join('|')})\\.(pub\\.)?pem$`);
/**
 * JWT_SIGNING_KEYS (+ JWT_SIGNING_KID) and JWT_REFRESH_SIGNING_KEYS (+ JWT_REFRESH_SIGNING_KID).
 * Entries, separated by commas or newlines: `KID:ALG:file:/path`, `KID:ALG:env:VARIABLE` or
 * `dir:/path`. Every key must fit its algorithm; kids are unique across both lists.
 */
function readKeySets(r) {
    const access = readKeyList(r, 'JWT_SIGNING_KEYS', 'JWT_SIGNING_KID');
    const refresh = readKeyList(r, 'JWT_REFRESH_SIGNING_KEYS', 'JWT_REFRESH_SIGNING_KID');
    if (refresh.keys.length > 0 && access.keys.length === 0) {
        r.fail('JWT_REFRESH_SIGNING_KEYS', 'needs JWT_SIGNING_KEYS for the access tokens');
    }
    const accessKids = new Set(access.keys.map((k) => k.kid));
    for (const k of refresh.keys) {
        if (accessKids.has(k.kid))
            r.fail('JWT_REFRESH_SIGNING_KEYS', `kid "${k.kid}" is also in JWT_SIGNING_KEYS`);
    }
    return {
        signingKeys: access.keys,
        activeKid: access.active,
        refreshSigningKeys: refresh.keys,
        refreshActiveKid: refresh.active,
    };
}
function readKeyList(r, name, activeName) {
    const entries = (r.raw(name) ?? '')
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
    const keys = [];
    for (const entry of entries)
        keys.push(...readEntry(r, name, entry));
    const seen = new Set();
    const valid = keys.filter((k) => {
        if (seen.has(k.kid))
            r.fail(name, `kid "${k.kid}" appears twice`);
        seen.add(k.kid);
        return checkSpec(r, name, k);
    });
    const given = r.string(activeName);
    if (keys.length === 0) {
        if (given !== undefined)
            r.fail(activeName, `set ${name} too`);
        return { keys: [] };
    }
    const signers = valid.filter((k) => canSign(k));
    const active = given ?? (signers.length === 1 ? signers[0].kid : undefined);
    if (active === undefined)
        r.fail(activeName, `required: which of ${name} signs (${signers.length} can)`);
    else if (!signers.some((k) => k.kid === active)) {
        r.fail(activeName, `"${active}" is not a key of ${name} that can sign (a private key or an HMAC secret)`);
    }
    return { keys, active };
}
function readEntry(r, name, entry) {
    if (entry.startsWith('dir:'))
        return readDirectory(r, name, entry.slice(4));
    const m = /^([^:]+):([^:]+):(file|env):(.+)$/s.exec(entry);
    if (!m) {
        r.fail(name, `"${entry.slice(0, 40)}" is not KID:ALG:file:PATH, KID:ALG:env:VARIABLE or dir:PATH`);
        return [];
    }
    const [, kid, alg, kind, where] = m;
    if (!checkKidAndAlg(r, name, kid, alg))
        return [];
    const text = kind === 'env' ? r.raw(where)?.replace(/\\n/g, '\n') : readText(r, name, where);
    // A secret file usually ends with a newline that is not part of the secret.
    const material = (0, key_material_1.isHmac)(alg) ? text?.replace(/\r?\n$/, '') : text;
    if (material === undefined) {
        if (kind === 'env')
            r.fail(name, `kid "${kid}": environment variable ${where} is not set`);
        return [];
    }
    return [{ kid, algorithm: alg, material, source: `${kind}:${where}` }];
}
function readDirectory(r, name, dir) {
    let files;
    try {
        files = (0, node_fs_1.readdirSync)(dir).sort();
    }
    catch (e) {
        r.fail(name, `cannot read directory ${dir} (${e.code ?? 'error'})`);
        return [];
    }
    const byKid = new Map();
    for (const file of files) {
        const m = DIR_ENTRY.exec(file);
        if (!m || !checkKidAndAlg(r, name, m[1], m[2]))
            continue;
        const pub = m[3] !== undefined;
        const known = byKid.get(m[1]);
        if (known && (pub || !known.pub))
            continue; // a private key wins over its public half
        const material = readText(r, name, (0, node_path_1.join)(dir, file));
        if (material !== undefined)
            byKid.set(m[1], { kid: m[1], algorithm: m[2], material, source: (0, node_path_1.join)(dir, file), pub });
    }
    if (files.length > 0 && byKid.size === 0)
        r.fail(name, `no KID.ALG.pem or KID.ALG.pub.pem files in ${dir}`);
    return [...byKid.values()].map(({ pub: _pub, ...spec }) => spec);
}
function checkKidAndAlg(r, name, kid, alg) {
    if (!exports.KID_PATTERN.test(kid)) {
        r.fail(name, `kid "${kid.slice(0, 70)}" must be 1-64 letters, digits, ".", "_" or "-"`);
        return false;
    }
    if (!jwt_config_1.JWT_ALGORITHMS.includes(alg)) {
        r.fail(name, `kid "${kid}": algorithm "${alg}" is not one of ${jwt_config_1.JWT_ALGORITHMS.join(', ')}`);
        return false;
    }
    return true;
}
/** HMAC secrets of at least 32 bytes; PEMs that fit the algorithm (private, or public for verify-only). */
function checkSpec(r, name, k) {
    if ((0, key_material_1.isHmac)(k.algorithm)) {
        if (Buffer.byteLength(k.material) >= key_material_1.MIN_HMAC_KEY_BYTES)
            return true;
        r.fail(name, `kid "${k.kid}": an ${k.algorithm} secret needs at least ${key_material_1.MIN_HMAC_KEY_BYTES} bytes`);
        return false;
    }
    try {
        const key = k.material.includes('PRIVATE KEY')
            ? (0, node_crypto_1.createPrivateKey)(k.material)
            : (0, node_crypto_1.createPublicKey)(k.material);
        if ((0, key_material_1.keyFitsAlgorithm)(key, k.algorithm))
            return true;
        r.fail(name, `kid "${k.kid}": the key (${k.source}) does not fit ${k.algorithm}`);
    }
    catch {
        r.fail(name, `kid "${k.kid}": ${k.source} is not a PEM key`);
    }
    return false;
}
/** An HMAC secret or a private key: the key can sign. A public key only verifies. */
function canSign(k) {
    return (0, key_material_1.isHmac)(k.algorithm) || k.material.includes('PRIVATE KEY');
}
function readText(r, name, path) {
    try {
        return (0, node_fs_1.readFileSync)(path, 'utf8');
    }
    catch (e) {
        r.fail(name, `cannot read ${path} (${e.code ?? 'error'})`);
        return undefined;
    }
}
//# sourceMappingURL=signing-keys.js.map