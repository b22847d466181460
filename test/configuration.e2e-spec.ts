import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfiguration } from '../src/config/configuration';
import { Env } from '../src/config/env.parsers';
import { CompiledBuild } from './utils/compiled-build';

/** The key .ci/run gives both instances in production mode: long, varied, no placeholder. */
const CI_KEY = 'the-same-hs256-key-both-instances-use-0123456789abcdef';

function problems(env: Env): string[] {
  try {
    loadConfiguration(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('configuration validation', () => {
  it('names every bad variable in one error', () => {
    const found = problems({
      PORT: '70000',
      JWT_ACCESS_TOKEN_LIFETIME: 'soon',
      JWT_ROTATE_REFRESH_TOKENS: 'perhaps',
      JWT_ALGORITHM: 'none',
      DATABASE_URL: 'mysql://x/y',
      LOG_LEVEL: 'loud',
    });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual(
      [
        'DATABASE_URL',
        'JWT_ACCESS_TOKEN_LIFETIME',
        'JWT_ALGORITHM',
        'JWT_ROTATE_REFRESH_TOKENS',
        'LOG_LEVEL',
        'PORT',
      ].sort(),
    );
  });

  it('in production refuses a missing HMAC key and a key shorter than 32 bytes', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^JWT_SIGNING_KEY: required/),
    ]);
    expect(problems({ NODE_ENV: 'production', JWT_SIGNING_KEY: 'x'.repeat(31) })).toEqual([
      expect.stringMatching(/^JWT_SIGNING_KEY: too short/),
    ]);
    expect(problems({ NODE_ENV: 'production', JWT_SIGNING_KEY: CI_KEY })).toEqual([]);
  });

  it.each([
    ['32 times one letter', 'a'.repeat(32), /fewer than 10 distinct bytes/],
    ['few distinct characters', 'abcabcabcabcabcabcabcabcabcabcabcabc', /fewer than 10 distinct bytes/],
    ['a run of one character', `k9#Lm2$pQ${'z'.repeat(8)}r7Tv!xW4nB-5hJ0cG3`, /8 or more of one character/],
    ['a placeholder', 'please-changeme-before-production-0123456789', /placeholder.*"changeme"/],
    ["Django's development key", 'django-insecure-4k#x9w!b2m@q7z$e1r8t&y5u0i3o6p', /"django-insecure"/],
  ])('in production refuses a weak HMAC secret: %s, naming the variable', (_, key, why) => {
    expect(problems({ NODE_ENV: 'production', JWT_SIGNING_KEY: key })).toEqual([
      expect.stringMatching(new RegExp(`^JWT_SIGNING_KEY: .*${why.source}`)),
    ]);
    expect(problems({ NODE_ENV: 'development', JWT_SIGNING_KEY: key })).toEqual([]);
  });

  it('in production refuses weak HMAC entries of JWT_SIGNING_KEYS and JWT_REFRESH_SIGNING_KEYS', () => {
    const found = problems({
      NODE_ENV: 'production',
      JWT_SIGNING_KEYS: 'a1:HS256:env:GOOD, a2:HS256:env:WEAK',
      JWT_SIGNING_KID: 'a1',
      JWT_REFRESH_SIGNING_KEYS: 'r1:HS256:env:PLACEHOLDER',
      GOOD: CI_KEY,
      WEAK: 'x'.repeat(40),
      PLACEHOLDER: 'replace-me-with-a-real-secret-0123456789',
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^JWT_SIGNING_KEYS: kid "a2" \(env:WEAK\): too little entropy/),
        expect.stringMatching(/^JWT_REFRESH_SIGNING_KEYS: kid "r1" \(env:PLACEHOLDER\): a placeholder/),
      ]),
    );
    expect(found.filter((p) => /^JWT_SIGNING_KEYS: kid "a1"/.test(p))).toEqual([]);
  });

  it('refuses RSA keys under 2048 bits, naming the variable', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = small.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const pub = small.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const bits = /an RSA key of 1024 bits; at least 2048 are required/;
    expect(problems({ NODE_ENV: 'production', JWT_ALGORITHM: 'RS256', JWT_SIGNING_KEY: pem })).toEqual([
      expect.stringMatching(new RegExp(`^JWT_SIGNING_KEY: ${bits.source}`)),
    ]);
    const big = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const bigPem = big.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(problems({ JWT_ALGORITHM: 'RS256', JWT_SIGNING_KEY: bigPem, JWT_VERIFYING_KEY: pub })).toEqual([
      expect.stringMatching(new RegExp(`^JWT_VERIFYING_KEY: ${bits.source}`)),
    ]);
    expect(
      problems({
        NODE_ENV: 'production',
        JWT_SIGNING_KEYS: 'big:RS256:env:BIG, old:RS256:env:OLD',
        JWT_SIGNING_KID: 'big',
        JWT_REFRESH_SIGNING_KEYS: 'r:RS256:env:OLD',
        BIG: bigPem,
        OLD: pub,
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^JWT_SIGNING_KEYS: kid "old": ${bits.source}`)),
        expect.stringMatching(new RegExp(`^JWT_REFRESH_SIGNING_KEYS: kid "r": ${bits.source}`)),
      ]),
    );
  });

  it('refuses JWT_ALGORITHM=EdDSA by name (jsonwebtoken, behind @nestjs/jwt, has no EdDSA)', () => {
    expect(problems({ JWT_ALGORITHM: 'EdDSA' })).toEqual([
      'JWT_ALGORITHM: EdDSA is not supported (jsonwebtoken has no EdDSA); use ES256/384/512 or RS256/384/512',
    ]);
  });

  it('outside production accepts a missing key (a development key is generated later)', () => {
    expect(problems({ NODE_ENV: 'development' })).toEqual([]);
  });

  it.each([
    ['300', 300],
    ['300s', 300],
    ['5m', 300],
    ['2h', 7200],
    ['1d', 86400],
  ])('accepts the duration %s (= %i s)', (text, seconds) => {
    const config = loadConfiguration({ JWT_ACCESS_TOKEN_LIFETIME: text, JWT_REFRESH_TOKEN_LIFETIME: text });
    expect(config.jwt.accessLifetime).toBe(seconds);
    expect(config.jwt.refreshLifetime).toBe(seconds);
  });

  it.each(['5 minutes', '-5m', '1.5h', '5x', 'm', '0'])('refuses the duration %j', (text) => {
    const found = problems({ JWT_SLIDING_TOKEN_LIFETIME: text });
    expect(found).toEqual([expect.stringMatching(/^JWT_SLIDING_TOKEN_LIFETIME: expected a duration/)]);
  });

  it('DB_TIMEOUT takes a duration and becomes milliseconds', () => {
    expect(loadConfiguration({ DB_TIMEOUT: '2s' }).db.timeoutMs).toBe(2000);
    expect(problems({ DB_TIMEOUT: 'fast' })).toEqual([expect.stringMatching(/^DB_TIMEOUT:/)]);
  });

  describe('the server process', () => {
    let build: CompiledBuild;
    let cwd: string;
    beforeAll(() => {
      build = CompiledBuild.create();
      cwd = mkdtempSync(join(tmpdir(), 'bastion-config-e2e-'));
    });
    afterAll(() => {
      rmSync(cwd, { recursive: true, force: true });
    });

    it('stops at start with one message listing every bad variable, before opening anything', async () => {
      const res = await build.run(build.serverMain, [], {
        cwd,
        env: {
          NODE_ENV: 'production',
          JWT_SIGNING_KEY: 'short',
          PORT: 'eighty',
          JWT_LEEWAY: 'a while',
          DATA_DIR: join(cwd, 'd'),
        },
      });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/^Invalid configuration:\n/);
      for (const name of ['JWT_SIGNING_KEY', 'PORT', 'JWT_LEEWAY'])
        expect(res.stderr).toContain(`  - ${name}: `);
      expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });

    it('starts nothing in production without a signing key', async () => {
      const res = await build.run(build.serverMain, [], {
        cwd,
        env: { NODE_ENV: 'production' },
      });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('JWT_SIGNING_KEY: required with NODE_ENV=production');
    });
  });
});
