'use strict';
/**
 * Django's password hashes, as `django.contrib.auth.hashers` writes them: pbkdf2_sha256 / pbkdf2_sha1
 * (`alg$iterations$salt$base64`), argon2 (`argon2$argon2id$v=19$m=..$salt$hash`, a PHC string without its
 * leading `$`), bcrypt_sha256 (bcrypt of the hex SHA-256 of the password) and bcrypt. Only verification:
 * Bastion stores argon2id, and re-hashes on the first successful login.
 *
 * Plain JavaScript and synchronous, because it runs inside the hash worker processes
 * (src/users/hash-worker.js), at their nice level, never on the event loop. Types: django-hashes.d.ts.
 */
const { createHash, pbkdf2Sync, timingSafeEqual } = require('node:crypto');
const { verifySync: argon2Verify } = require('@node-rs/argon2');
const bcrypt = require('bcryptjs');

const DJANGO_PREFIX = /^(pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|bcrypt)\$/;
/** A crafted hash must not make one login cost minutes. Django 5.2 uses 1,000,000. */
const MAX_PBKDF2_ITERATIONS = 10_000_000;

/** True when the stored hash is in one of the formats above (an unusable `!` password is not). */
function isDjangoHash(encoded) {
  return DJANGO_PREFIX.test(encoded);
}

function pbkdf2(encoded, password) {
  const parts = encoded.split('$');
  if (parts.length !== 4 || !/^\d{1,8}$/.test(parts[1])) return false;
  const [algorithm, iterationText, salt, b64] = parts;
  const iterations = Number(iterationText);
  if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS || salt === '') return false;
  const digest = algorithm === 'pbkdf2_sha256' ? 'sha256' : 'sha1';
  const expected = Buffer.from(b64, 'base64');
  const keyLength = digest === 'sha256' ? 32 : 20;
  if (expected.length !== keyLength || expected.toString('base64') !== b64) return false;
  const derived = pbkdf2Sync(
    Buffer.from(password, 'utf8'),
    Buffer.from(salt, 'utf8'),
    iterations,
    keyLength,
    digest,
  );
  return timingSafeEqual(derived, expected);
}

/** False for a wrong password or an unreadable hash; never throws. */
function verifyDjangoHash(encoded, password) {
  try {
    const algorithm = encoded.slice(0, encoded.indexOf('$'));
    if (algorithm.startsWith('pbkdf2_')) return pbkdf2(encoded, password);
    if (algorithm === 'argon2') return argon2Verify(encoded.slice('argon2'.length), password);
    if (algorithm === 'bcrypt_sha256') {
      const hex = createHash('sha256').update(password, 'utf8').digest('hex');
      return bcrypt.compareSync(hex, encoded.slice('bcrypt_sha256$'.length));
    }
    if (algorithm === 'bcrypt') return bcrypt.compareSync(password, encoded.slice('bcrypt$'.length));
    return false;
  } catch {
    return false;
  }
}

module.exports = { isDjangoHash, verifyDjangoHash };
