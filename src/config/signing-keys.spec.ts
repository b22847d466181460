import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvReader } from './env.parsers';
import { readKeySets } from './signing-keys';

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const EC_PRIVATE = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const EC_PUBLIC = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!';

function read(env: Record<string, string>): { errors: string[]; sets: ReturnType<typeof readKeySets> } {
  const r = new EnvReader(env);
  const sets = readKeySets(r);
  return { errors: r.errors, sets };
}

describe('JWT_SIGNING_KEYS', () => {
  it('reads env and file entries; a single signer is active without JWT_SIGNING_KID', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-spec-'));
    writeFileSync(join(dir, 'old.pub'), EC_PUBLIC);
    const { errors, sets } = read({
      JWT_SIGNING_KEYS: `new:ES256:env:MY_KEY, old:ES256:file:${join(dir, 'old.pub')}`,
      MY_KEY: EC_PRIVATE.replace(/\n/g, '\\n'),
    });
    expect(errors).toEqual([]);
    expect(sets.signingKeys.map((k) => [k.kid, k.algorithm])).toEqual([
      ['new', 'ES256'],
      ['old', 'ES256'],
    ]);
    expect(sets.activeKid).toBe('new');
    expect(sets.refreshSigningKeys).toEqual([]);
  });

  it('needs JWT_SIGNING_KID when several keys can sign, and it must name a signer', () => {
    expect(read({ JWT_SIGNING_KEYS: 'a:HS256:env:S, b:HS256:env:S', S: SECRET }).errors).toEqual([
      'JWT_SIGNING_KID: required: which of JWT_SIGNING_KEYS signs (2 can)',
    ]);
    const publicOnly = read({ JWT_SIGNING_KEYS: 'p:ES256:env:P', P: EC_PUBLIC, JWT_SIGNING_KID: 'p' }).errors;
    expect(publicOnly).toEqual([
      'JWT_SIGNING_KID: "p" is not a key of JWT_SIGNING_KEYS that can sign (a private key or an HMAC secret)',
    ]);
  });

  it('reports every bad entry', () => {
    const { errors } = read({
      JWT_SIGNING_KEYS:
        'garbage, bad kid!:HS256:env:S, x:HS999:env:S, short:HS256:env:T, rsa:RS256:env:P, dup:HS256:env:S, dup:HS256:env:S, m:HS256:env:MISSING',
      S: SECRET,
      T: 'short',
      P: EC_PRIVATE,
      JWT_SIGNING_KID: 'dup',
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"garbage" is not KID:ALG:file:PATH'),
        expect.stringContaining('kid "bad kid!" must be'),
        expect.stringContaining('algorithm "HS999"'),
        expect.stringContaining('kid "short": an HS256 secret needs at least 32 bytes'),
        expect.stringContaining('kid "rsa": the key (env:P) does not fit RS256'),
        expect.stringContaining('kid "dup" appears twice'),
        expect.stringContaining('environment variable MISSING is not set'),
      ]),
    );
  });

  it('refuses EdDSA keys by name, in entries and in key directories (jsonwebtoken has no EdDSA)', () => {
    const ed = generateKeyPairSync('ed25519');
    const dir = mkdtempSync(join(tmpdir(), 'keys-ed-'));
    writeFileSync(join(dir, 'ed-dir.EdDSA.pem'), ed.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const { errors } = read({
      JWT_SIGNING_KEYS: `ed:EdDSA:env:E, dir:${dir}`,
      E: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^JWT_SIGNING_KEYS: kid "ed": EdDSA is not supported/),
        expect.stringMatching(/^JWT_SIGNING_KEYS: kid "ed-dir": EdDSA is not supported/),
      ]),
    );
  });

  it('refuses RSA keys under 2048 bits, which jsonwebtoken cannot sign with', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const { errors } = read({
      JWT_SIGNING_KEYS: 'r:RS256:env:P',
      P: small.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    expect(errors).toContainEqual(
      expect.stringContaining('kid "r": an RSA key of 1024 bits; at least 2048 are required'),
    );
  });

  it('keeps refresh kids apart from access kids and needs access keys', () => {
    expect(read({ JWT_REFRESH_SIGNING_KEYS: 'r:HS256:env:S', S: SECRET }).errors).toEqual([
      'JWT_REFRESH_SIGNING_KEYS: needs JWT_SIGNING_KEYS for the access tokens',
    ]);
    expect(
      read({ JWT_SIGNING_KEYS: 'k:HS256:env:S', JWT_REFRESH_SIGNING_KEYS: 'k:HS256:env:S', S: SECRET })
        .errors,
    ).toEqual(['JWT_REFRESH_SIGNING_KEYS: kid "k" is also in JWT_SIGNING_KEYS']);
  });
});
