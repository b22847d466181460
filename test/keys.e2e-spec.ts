import { createHmac, createPublicKey, createSecretKey, sign } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kongConsumerYaml, kongJwtSecrets } from '../src/auth/keys/kong-credentials';
import { createKeyRing } from '../src/auth/keys/key-ring.factory';
import { createTestApp, TEST_SIGNING_KEY, TestApp } from './utils/create-test-app';
import { createUser, decodeClaims, obtainPair, TestUser } from './utils/factories';
import { jwtHeader, keyDir, sharedDataDir, writeKey } from './utils/key-files';
import { kongRefusal } from './utils/kong-jwt';

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
const secure = (t: TestApp, access: string) =>
  t.http.get('/api/secure/').set('Authorization', `Bearer ${access}`);

describe('keys: rotation, JWKS, separate refresh keys', () => {
  it('rotates: old-key tokens keep working, new tokens carry the new kid, removing the old key refuses them', async () => {
    const dir = keyDir();
    const data = await sharedDataDir();
    writeKey(dir, 'k1', 'ES256');
    let t = await createTestApp({ ...data, JWT_SIGNING_KEYS: `dir:${dir}` });
    let user: TestUser;
    let old: { access: string; refresh: string };
    try {
      user = await createUser(t);
      old = await obtainPair(t, user);
      expect(jwtHeader(old.access)).toEqual({ alg: 'ES256', typ: 'JWT', kid: 'k1' });
      expect(jwtHeader(old.refresh)).toEqual({ alg: 'ES256', typ: 'JWT', kid: 'k1' });
    } finally {
      await t.close();
    }

    writeKey(dir, 'k2', 'RS384');
    t = await createTestApp({ ...data, JWT_SIGNING_KEYS: `dir:${dir}`, JWT_SIGNING_KID: 'k2' });
    try {
      await secure(t, old.access).expect(200);
      const refreshed = await t.http.post('/api/token/refresh/').send({ refresh: old.refresh }).expect(200);
      expect(jwtHeader(refreshed.body.access as string)).toEqual({ alg: 'RS384', typ: 'JWT', kid: 'k2' });
      const fresh = await obtainPair(t, user);
      expect(jwtHeader(fresh.access).kid).toBe('k2');
      await secure(t, fresh.access).expect(200);
      const jwks = await t.http.get('/.well-known/jwks.json').expect(200);
      expect((jwks.body.keys as { kid: string }[]).map((k) => k.kid).sort()).toEqual(['k1', 'k2']);
    } finally {
      await t.close();
    }

    rmSync(join(dir, 'k1.ES256.pem'));
    rmSync(join(dir, 'k1.ES256.pub.pem'));
    t = await createTestApp({ ...data, JWT_SIGNING_KEYS: `dir:${dir}` });
    try {
      const refused = await secure(t, old.access).expect(401);
      expect(refused.body.messages[0].message).toBe('Token is invalid or expired');
      await t.http.post('/api/token/refresh/').send({ refresh: old.refresh }).expect(401);
      const fresh = await obtainPair(t, user);
      await secure(t, fresh.access).expect(200);
    } finally {
      await t.close();
    }
  });

  describe('JWKS document', () => {
    let t: TestApp;
    const dir = keyDir();
    beforeAll(async () => {
      writeKey(dir, 'rsa-old', 'RS256');
      writeKey(dir, 'ec-new', 'ES384');
      const verifyOnly = writeKey(keyDir(), 'unused', 'ES512').publicKey;
      writeFileSync(join(dir, 'es-retired.ES512.pub.pem'), verifyOnly);
      writeFileSync(join(dir, 'hmac.secret'), 'an-hmac-key-with-more-than-32-bytes-of-secret\n');
      t = await createTestApp({
        JWT_SIGNING_KEYS: `dir:${dir}, hs-1:HS256:file:${join(dir, 'hmac.secret')}`,
        JWT_SIGNING_KID: 'ec-new',
        JWT_JWKS_MAX_AGE: '10m',
      });
    });
    afterAll(() => t.close());

    it('publishes every public key with kid, alg and use, no private or HMAC material, cacheable', async () => {
      const res = await t.http.get('/.well-known/jwks.json').expect(200);
      expect(res.headers['cache-control']).toBe('public, max-age=600');
      const keys = res.body.keys as Record<string, string>[];
      expect(keys.map((k) => [k.kid, k.alg, k.kty, k.use]).sort()).toEqual([
        ['ec-new', 'ES384', 'EC', 'sig'],
        ['es-retired', 'ES512', 'EC', 'sig'],
        ['rsa-old', 'RS256', 'RSA', 'sig'],
      ]);
      for (const k of keys) {
        expect(Object.keys(k).filter((m) => ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].includes(m))).toEqual([]);
        // Each entry is a usable public key.
        expect(createPublicKey({ key: k, format: 'jwk' }).type).toBe('public');
      }
      expect(JSON.stringify(res.body)).not.toContain('an-hmac-key');
    });

    it('needs no token, and tokens are signed with the active kid', async () => {
      const user = await createUser(t);
      const { access } = await obtainPair(t, user);
      expect(jwtHeader(access)).toEqual({ alg: 'ES384', typ: 'JWT', kid: 'ec-new' });
      await secure(t, access).expect(200);
    });

    it('refuses an RS256 public key used as an HS256 secret, and an unknown kid', async () => {
      const user = await createUser(t);
      const now = Math.floor(Date.now() / 1000);
      const claims = { token_type: 'access', exp: now + 60, iat: now, jti: 'c'.repeat(32), user_id: user.id };
      const pem = readPublicPem(dir, 'rsa-old.RS256.pub.pem');
      for (const header of [
        { alg: 'HS256', typ: 'JWT', kid: 'rsa-old' },
        { alg: 'HS256', typ: 'JWT' },
      ]) {
        const input = `${b64(header)}.${b64(claims)}`;
        const forged = `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
        await secure(t, forged).expect(401);
      }
      // A kid naming the HS256 key with a valid HMAC: accepted (the key's own algorithm) ...
      const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'hs-1' })}.${b64(claims)}`;
      const secret = createSecretKey(Buffer.from('an-hmac-key-with-more-than-32-bytes-of-secret'));
      await secure(t, `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`).expect(
        200,
      );
      // ... but not without kid: there is no legacy key here.
      const bare = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
      await secure(t, `${bare}.${createHmac('sha256', secret).update(bare).digest('base64url')}`).expect(401);
      const unknown = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'hs-2' })}.${b64(claims)}`;
      await secure(
        t,
        `${unknown}.${createHmac('sha256', secret).update(unknown).digest('base64url')}`,
      ).expect(401);
    });

    it('writes a Kong credential block that matches the JWKS document', async () => {
      const res = await t.http.get('/.well-known/jwks.json').expect(200);
      const byKid = new Map((res.body.keys as Record<string, string>[]).map((k) => [k.kid, k]));
      const secrets = kongJwtSecrets(createKeyRing(t.config.jwt, t.config.app));
      expect(secrets.map((s) => s.key).sort()).toEqual(['ec-new', 'es-retired', 'rsa-old']);
      for (const s of secrets) {
        const jwk = byKid.get(s.key)!;
        expect(s.algorithm).toBe(jwk.alg);
        expect(createPublicKey(s.rsa_public_key).equals(createPublicKey({ key: jwk, format: 'jwk' }))).toBe(
          true,
        );
      }
      // The YAML carries every PEM intact, indented under rsa_public_key.
      const yaml = kongConsumerYaml(secrets);
      for (const s of secrets) {
        const block = yaml.split(`- key: "${s.key}"`)[1].split('- key:')[0];
        const pem = block
          .split('rsa_public_key: |\n')[1]
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .join('\n');
        expect(createPublicKey(pem).equals(createPublicKey(s.rsa_public_key))).toBe(true);
      }
      // Tokens the server signs pass Kong's jwt plugin with these credentials (kid, alg, signature,
      // claims_to_verify [exp, nbf]: kid-signed tokens carry nbf = iat, which Kong requires).
      const user = await createUser(t);
      const { access, refresh } = await obtainPair(t, user);
      expect(decodeClaims(access).nbf).toBe(decodeClaims(access).iat);
      expect(kongRefusal(access, secrets)).toBeNull();
      expect(kongRefusal(refresh, secrets)).toBeNull(); // same keys: see "separate refresh keys"
      const [h, p] = access.split('.');
      expect(kongRefusal(`${h}.${p}.${b64('forged')}`, secrets)).toBe('Invalid signature');
      const noNbf = { ...decodeClaims(access) };
      delete noNbf.nbf;
      expect(kongRefusal(`${h}.${b64(noNbf)}.x`, secrets)).not.toBeNull();
    });
  });

  describe('separate refresh keys', () => {
    let t: TestApp;
    beforeAll(async () => {
      const dir = keyDir();
      const rdir = keyDir();
      writeKey(dir, 'access-1', 'ES256');
      writeKey(rdir, 'refresh-1', 'ES256');
      t = await createTestApp({ JWT_SIGNING_KEYS: `dir:${dir}`, JWT_REFRESH_SIGNING_KEYS: `dir:${rdir}` });
    });
    afterAll(() => t.close());

    it('signs refresh tokens with the refresh key, which verifiers of access tokens do not hold', async () => {
      const user = await createUser(t);
      const { access, refresh } = await obtainPair(t, user);
      expect(jwtHeader(access).kid).toBe('access-1');
      expect(jwtHeader(refresh).kid).toBe('refresh-1');
      const refused = await secure(t, refresh).expect(401);
      expect(refused.body.messages[0].message).toBe('Token is invalid or expired');
      const res = await t.http.post('/api/token/refresh/').send({ refresh }).expect(200);
      await secure(t, res.body.access as string).expect(200);
      await t.http.post('/api/token/refresh/').send({ refresh: access }).expect(401);
      await t.http.post('/api/token/verify/').send({ token: refresh }).expect(200);
      const jwks = await t.http.get('/.well-known/jwks.json').expect(200);
      expect((jwks.body.keys as Record<string, string>[]).map((k) => [k.kid, k.token_use]).sort()).toEqual([
        ['access-1', 'access'],
        ['refresh-1', 'refresh'],
      ]);
      const kong = kongJwtSecrets(createKeyRing(t.config.jwt, t.config.app));
      expect(kong.map((s) => s.key)).toEqual(['access-1']);
      expect(kongRefusal(access, kong)).toBeNull();
      expect(kongRefusal(refresh, kong)).toBe("No credentials found for given 'kid'");
    });
  });

  describe('an asymmetric JWT_SIGNING_KEY (no JWT_SIGNING_KEYS)', () => {
    let t: TestApp;
    const dir = keyDir();
    beforeAll(async () => {
      writeKey(dir, 'legacy', 'RS256');
      t = await createTestApp({
        JWT_ALGORITHM: 'RS256',
        JWT_SIGNING_KEY: `file:${join(dir, 'legacy.RS256.pem')}`,
      });
    });
    afterAll(() => t.close());

    it('gets its RFC 7638 thumbprint as kid, is published, and still verifies tokens without kid', async () => {
      const jwks = await t.http.get('/.well-known/jwks.json').expect(200);
      const [jwk] = jwks.body.keys as Record<string, string>[];
      expect(jwks.body.keys).toHaveLength(1);
      expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', token_use: 'any' });
      const user = await createUser(t);
      const { access } = await obtainPair(t, user);
      expect(jwtHeader(access)).toEqual({ alg: 'RS256', typ: 'JWT', kid: jwk.kid });
      const [, p] = access.split('.');
      const privatePem = readFileSync(join(dir, 'legacy.RS256.pem'), 'utf8');
      const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${p}`;
      const kidless = `${input}.${sign('sha256', Buffer.from(input), privatePem).toString('base64url')}`;
      await secure(t, kidless).expect(200);
    });
  });

  describe('HS256 with JWT_SIGNING_KEY (the default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('issues simplejwt headers without kid, accepts kid-less tokens, refuses a kid, publishes no key', async () => {
      const user = await createUser(t);
      const { access } = await obtainPair(t, user);
      expect(jwtHeader(access)).toEqual({ alg: 'HS256', typ: 'JWT' });
      const claims = decodeClaims(access);
      expect(Object.keys(claims).filter((k) => k === 'nbf')).toEqual([]);
      const forge = (header: object) => {
        const input = `${b64(header)}.${b64(claims)}`;
        return `${input}.${createHmac('sha256', TEST_SIGNING_KEY).update(input).digest('base64url')}`;
      };
      await secure(t, forge({ alg: 'HS256', typ: 'JWT' })).expect(200);
      await secure(t, forge({ alg: 'HS256', typ: 'JWT', kid: 'anything' })).expect(401);
      const jwks = await t.http.get('/.well-known/jwks.json').expect(200);
      expect(jwks.body).toEqual({ keys: [] });
    });
  });

  it('two applications in one process each authenticate with their own keys (Passport registry is global)', async () => {
    const a = await createTestApp();
    let b: TestApp | undefined;
    try {
      const user = await createUser(a);
      const { access } = await obtainPair(a, user);
      b = await createTestApp({ JWT_SIGNING_KEY: 'another-e2e-signing-key-0123456789abcdef0123456' });
      await secure(a, access).expect(200);
      await a.http.delete('/api/secure/').set('Authorization', `Bearer ${access}`).expect(405);
      await secure(b, access).expect(401);
      await secure(a, access).expect(200);
    } finally {
      await b?.close();
      await a.close();
    }
  });
});

function readPublicPem(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}
