import { hash as argon2Hash } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';
import { createHash, pbkdf2Sync } from 'node:crypto';
import fixture from '../../test/fixtures/django-auth-user.json';
import { isDjangoHash, verifyDjangoHash } from './django-hashes';
import { argon2idDummy, dummyHashLike } from './dummy-hashes';

/** The module is synchronous (it runs in the hash workers); the tests read as the worker answers. */
const django = {
  verify: (encoded: string, password: string) => Promise.resolve(verifyDjangoHash(encoded, password)),
};

/** What Django's PBKDF2PasswordHasher.encode writes. */
function pbkdf2(
  password: string,
  salt: string,
  iterations: number,
  digest: 'sha256' | 'sha1' = 'sha256',
): string {
  const b64 = pbkdf2Sync(password, salt, iterations, digest === 'sha256' ? 32 : 20, digest).toString(
    'base64',
  );
  return `pbkdf2_${digest}$${iterations}$${salt}$${b64}`;
}

describe('Django password hashes', () => {
  it("verifies a hash written by Python's hashlib the way Django does (test/fixtures)", async () => {
    // From test/fixtures/django-auth-user.json (user "bob"), made with hashlib.pbkdf2_hmac.
    const bob = (fixture as { fields: { username: string; password: string } }[]).find(
      (r) => r.fields.username === 'bob',
    )!.fields.password;
    await expect(django.verify(bob, 'lètmein')).resolves.toBe(true);
    await expect(django.verify(bob, 'letmein')).resolves.toBe(false);
  });

  it.each([
    ['pbkdf2_sha256', pbkdf2('s3cret', 'seasalt', 1000)],
    ['pbkdf2_sha1', pbkdf2('s3cret', 'seasalt', 1000, 'sha1')],
  ])('verifies %s', async (_name, encoded) => {
    expect(isDjangoHash(encoded)).toBe(true);
    await expect(django.verify(encoded, 's3cret')).resolves.toBe(true);
    await expect(django.verify(encoded, 's3cret ')).resolves.toBe(false);
  });

  it("verifies Django's argon2 format (a PHC string without its leading $)", async () => {
    const phc = await argon2Hash('s3cret', { algorithm: 2, memoryCost: 1024, timeCost: 2, parallelism: 2 });
    const encoded = `argon2${phc}`;
    expect(encoded).toMatch(/^argon2\$argon2id\$v=19\$m=1024,t=2,p=2\$/);
    await expect(django.verify(encoded, 's3cret')).resolves.toBe(true);
    await expect(django.verify(encoded, 'nope')).resolves.toBe(false);
  });

  it('verifies bcrypt_sha256 (bcrypt of the hex SHA-256) and plain bcrypt', async () => {
    const hex = createHash('sha256').update('s3cret').digest('hex');
    const sha = `bcrypt_sha256$${bcrypt.hashSync(hex, 4)}`;
    expect(sha).toMatch(/^bcrypt_sha256\$\$2b\$04\$/);
    await expect(django.verify(sha, 's3cret')).resolves.toBe(true);
    await expect(django.verify(sha, 'nope')).resolves.toBe(false);
    const plain = `bcrypt$${bcrypt.hashSync('s3cret', 4)}`;
    await expect(django.verify(plain, 's3cret')).resolves.toBe(true);
  });

  it.each([
    ['unusable', '!abcdef'],
    ['unknown hasher', 'md5$salt$0123456789abcdef0123456789abcdef'],
    ['too few parts', 'pbkdf2_sha256$1000$salt'],
    ['iterations not a number', 'pbkdf2_sha256$x$salt$AAAA'],
    ['absurd iterations', pbkdf2('s3cret', 'salt', 1).replace('$1$', '$99999999$')],
    ['hash of the wrong length', 'pbkdf2_sha256$1000$salt$AAAA'],
    ['non-canonical base64', pbkdf2('s3cret', 'salt', 1000).slice(0, -2) + '==='],
    ['broken argon2', 'argon2$argon2id$v=19$garbage'],
    ['broken bcrypt', 'bcrypt_sha256$$2b$12$short'],
  ])('refuses (never throws): %s', async (_name, encoded) => {
    await expect(django.verify(encoded, 's3cret')).resolves.toBe(false);
  });
});

describe('dummy hashes shaped like a stored Django hash', () => {
  const hex = createHash('sha256').update('s3cret').digest('hex');
  it.each([
    ['bcrypt', `bcrypt$${bcrypt.hashSync('s3cret', 5)}`],
    ['bcrypt_sha256', `bcrypt_sha256$${bcrypt.hashSync(hex, 5)}`],
    ['pbkdf2_sha256', pbkdf2('s3cret', 'seasalt', 1200)],
    ['pbkdf2_sha1', pbkdf2('s3cret', 'seasalt', 1200, 'sha1')],
  ])('%s: same algorithm and cost, well formed, matching no password', (_name, encoded) => {
    const dummy = dummyHashLike(encoded)!;
    expect(isDjangoHash(dummy.hash)).toBe(true);
    const costOf = (h: string) =>
      h.startsWith('pbkdf2') ? h.split('$')[1] : bcrypt.getRounds(h.slice(h.indexOf('$$') + 1));
    expect(costOf(dummy.hash)).toEqual(costOf(encoded));
    expect(verifyDjangoHash(dummy.hash, 's3cret')).toBe(false);
    expect(
      verifyDjangoHash(
        dummy.hash.replace(/B+$/, (b) => b.slice(1) + 'C'),
        's3cret',
      ),
    ).toBe(false);
  });

  it('prices a costlier hash higher, and nothing for what is not a Django hash', async () => {
    const phc = await argon2Hash('s3cret', { algorithm: 2, memoryCost: 1024, timeCost: 2, parallelism: 1 });
    const argon = dummyHashLike(`argon2${phc}`)!;
    expect(argon.hash).toMatch(/^argon2\$argon2id\$v=19\$m=1024,t=2,p=1\$/);
    expect(verifyDjangoHash(argon.hash, 's3cret')).toBe(false);
    const cost = (h: string) => dummyHashLike(h)!.cost;
    expect(cost(`bcrypt$${bcrypt.hashSync('x', 6)}`)).toBeGreaterThan(
      cost(`bcrypt$${bcrypt.hashSync('x', 5)}`),
    );
    expect(cost(pbkdf2('x', 's', 2000))).toBeGreaterThan(cost(pbkdf2('x', 's', 1000)));
    // Django's defaults cost more than Bastion's argon2id (bcrypt 12: ~1 s, PBKDF2 1,000,000: ~1 s, ~50 ms).
    const ours = argon2idDummy({ memoryCost: 19456, timeCost: 2, parallelism: 1 }).cost;
    const bcrypt12 = '$2b$12$' + 'B'.repeat(53);
    expect(cost(`bcrypt$${bcrypt12}`)).toBeGreaterThan(10 * ours);
    expect(cost('pbkdf2_sha256$1000000$salt$AAAA')).toBeGreaterThan(10 * ours);
    expect(cost(pbkdf2('x', 's', 10_000))).toBeLessThan(ours);
    expect(dummyHashLike(phc)).toBeUndefined();
    expect(dummyHashLike('!unusable')).toBeUndefined();
    expect(dummyHashLike(pbkdf2('x', 's', 1).replace('$1$', '$99999999$'))).toBeUndefined();
  });
});
