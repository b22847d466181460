"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DjangoPasswordHasher = void 0;
const argon2_1 = require("@node-rs/argon2");
const bcryptjs_1 = __importDefault(require("bcryptjs"));
const node_crypto_1 = require("node:crypto");
const node_util_1 = require("node:util");
const pbkdf2Async = (0, node_util_1.promisify)(node_crypto_1.pbkdf2);
const DJANGO_PREFIX = /^(pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|bcrypt)\$/;
/** A crafted hash must not make one login cost minutes. Django 5.2 uses 1,000,000. */
const MAX_PBKDF2_ITERATIONS = 10_000_000;
/**
 * Verifies the password hashes of Django's hashers, as `django.contrib.auth.hashers` writes them:
 * pbkdf2_sha256 / pbkdf2_sha1 (`alg$iterations$salt$base64`), argon2 (`argon2$argon2id$v=19$m=..$salt$hash`,
 * a PHC string without its leading `$`), bcrypt_sha256 (bcrypt of the hex SHA-256 of the password) and
 * bcrypt. Only verification: Bastion stores argon2id, and re-hashes on the first successful login.
 */
class DjangoPasswordHasher {
    /** True when the stored hash is in one of the formats above (an unusable `!` password is not). */
    static handles(encoded) {
        return DJANGO_PREFIX.test(encoded);
    }
    /** False for a wrong password or an unreadable hash; never throws. */
    async verify(encoded, password) {
        try {
            const algorithm = encoded.slice(0, encoded.indexOf('$'));
            if (algorithm.startsWith('pbkdf2_'))
                return await this.pbkdf2(encoded, password);
            if (algorithm === 'argon2')
                return await (0, argon2_1.verify)(encoded.slice('argon2'.length), password);
            if (algorithm === 'bcrypt_sha256') {
                const hex = (0, node_crypto_1.createHash)('sha256').update(password, 'utf8').digest('hex');
                return await bcryptjs_1.default.compare(hex, encoded.slice('bcrypt_sha256$'.length));
            }
            if (algorithm === 'bcrypt')
                return await bcryptjs_1.default.compare(password, encoded.slice('bcrypt$'.length));
            return false;
        }
        catch {
            return false;
        }
    }
    async pbkdf2(encoded, password) {
        const parts = encoded.split('$');
        if (parts.length !== 4 || !/^\d{1,8}$/.test(parts[1]))
            return false;
        const [algorithm, iterationText, salt, b64] = parts;
        const iterations = Number(iterationText);
        if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS || salt === '')
            return false;
        const digest = algorithm === 'pbkdf2_sha256' ? 'sha256' : 'sha1';
        const expected = Buffer.from(b64, 'base64');
        const keyLength = digest === 'sha256' ? 32 : 20;
        if (expected.length !== keyLength || expected.toString('base64') !== b64)
            return false;
        const derived = await pbkdf2Async(Buffer.from(password, 'utf8'), Buffer.from(salt, 'utf8'), iterations, keyLength, digest);
        return (0, node_crypto_1.timingSafeEqual)(derived, expected);
    }
}
exports.DjangoPasswordHasher = DjangoPasswordHasher;
//# sourceMappingURL=django-password-hasher.js.map