import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPairSync,
  KeyObject,
} from 'node:crypto';
import { JWT_ALGORITHMS, JwtAlgorithm } from '../config/jwt.config';
import { InvalidJwsError, JwsCodec } from './jws-codec';
import { KeyRing, KeyScope, RingKey } from './keys/key-ring';

function pair(alg: JwtAlgorithm): { signing: KeyObject; verifying: KeyObject } {
  if (alg.startsWith('HS')) {
    const secret = createSecretKey(Buffer.from(`secret-for-${alg}-0123456789abcdef0123456789`));
    return { signing: secret, verifying: secret };
  }
  const { privateKey, publicKey } = alg.startsWith('RS')
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : alg === 'EdDSA'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', {
          namedCurve: { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }[alg as 'ES256'],
        });
  return { signing: privateKey, verifying: publicKey };
}

function key(kid: string | undefined, alg: JwtAlgorithm, scope: KeyScope = 'both', legacy = false): RingKey {
  return { kid, algorithm: alg, ...pair(alg), scope, legacy };
}

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
const claims = { token_type: 'access', exp: 2_000_000_000, jti: 'a'.repeat(32), user_id: 1 };

describe('JwsCodec', () => {
  it.each(JWT_ALGORITHMS.map((a) => [a]))('signs and verifies %s, with the kid in the header', (alg) => {
    const k = key(`k-${alg}`, alg);
    const codec = new JwsCodec(new KeyRing([k], { access: k, refresh: k }));
    const token = codec.sign(claims);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({
      alg,
      typ: 'JWT',
      kid: `k-${alg}`,
    });
    expect(codec.verify(token)).toEqual(claims);
    const tampered = `${token.split('.')[0]}.${b64({ ...claims, user_id: 2 })}.${token.split('.')[2]}`;
    expect(() => codec.verify(tampered)).toThrow(InvalidJwsError);
  });

  it("signs a legacy HMAC key without kid, exactly simplejwt's header", () => {
    const k = key(undefined, 'HS256', 'both', true);
    const codec = new JwsCodec(new KeyRing([k], { access: k, refresh: k }));
    const token = codec.sign(claims);
    expect(token.split('.')[0]).toBe(b64({ alg: 'HS256', typ: 'JWT' }));
    expect(codec.verify(token)).toEqual(claims);
  });

  describe('key selection', () => {
    const legacy = key(undefined, 'HS256', 'both', true);
    const access = key('acc-1', 'ES256', 'access');
    const refresh = key('ref-1', 'ES256', 'refresh');
    const codec = new JwsCodec(new KeyRing([legacy, access, refresh], { access, refresh }));

    it('refuses an unknown kid, and a kid that is not a string', () => {
      const t = codec.sign(claims).split('.');
      const unknown = `${b64({ alg: 'ES256', typ: 'JWT', kid: 'nope' })}.${t[1]}.${t[2]}`;
      expect(() => codec.verify(unknown)).toThrow('unknown kid');
      const numeric = `${b64({ alg: 'ES256', typ: 'JWT', kid: 1 })}.${t[1]}.${t[2]}`;
      expect(() => codec.verify(numeric)).toThrow('kid is not a string');
    });

    it('keeps refresh keys and access keys apart', () => {
      const r = codec.sign({ ...claims, token_type: 'refresh' }, 'refresh');
      expect(codec.verify(r, 'refresh')).toMatchObject({ token_type: 'refresh' });
      expect(codec.verify(r, 'any')).toMatchObject({ token_type: 'refresh' });
      expect(() => codec.verify(r, 'access')).toThrow('unknown kid');
      const a = codec.sign(claims, 'access');
      expect(() => codec.verify(a, 'refresh')).toThrow('unknown kid');
    });

    it('checks a token without kid only with the legacy key', () => {
      const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
      const sig = createHmac('sha256', legacy.signing!).update(input).digest('base64url');
      expect(codec.verify(`${input}.${sig}`, 'access')).toEqual(claims);
      const noLegacy = new JwsCodec(new KeyRing([access], { access, refresh: access }));
      expect(() => noLegacy.verify(`${input}.${sig}`)).toThrow('unknown kid');
    });

    it.each(['jku', 'x5u', 'jwk', 'x5c', 'crit'])('refuses a header carrying %s', (member) => {
      const t = codec.sign(claims).split('.');
      const h = b64({
        alg: 'ES256',
        typ: 'JWT',
        kid: 'acc-1',
        [member]: member === 'jwk' ? {} : 'https://evil',
      });
      expect(() => codec.verify(`${h}.${t[1]}.${t[2]}`)).toThrow(`header member ${member} refused`);
    });
  });

  it('refuses an RS256 public key used as an HS256 secret (algorithm confusion)', () => {
    const rsa = key('rsa-1', 'RS256');
    const codec = new JwsCodec(new KeyRing([rsa], { access: rsa, refresh: rsa }));
    const pem = rsa.verifying.export({ type: 'spki', format: 'pem' });
    for (const kid of ['rsa-1', undefined]) {
      const input = `${b64({ alg: 'HS256', typ: 'JWT', kid })}.${b64(claims)}`;
      const forged = `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
      expect(() => codec.verify(forged)).toThrow(InvalidJwsError);
    }
    // The legacy asymmetric key too: a kid-less token is checked with the legacy key's own algorithm.
    const legacyRsa = { ...rsa, kid: 'thumb', legacy: true };
    const legacyCodec = new JwsCodec(new KeyRing([legacyRsa], { access: legacyRsa, refresh: legacyRsa }));
    const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
    const forged = `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
    expect(() => legacyCodec.verify(forged)).toThrow('algorithm not allowed');
  });

  describe('non-canonical base64url', () => {
    const k = key(undefined, 'HS256', 'both', true);
    const codec = new JwsCodec(new KeyRing([k], { access: k, refresh: k }));
    const [h, p, s] = codec.sign(claims).split('.');
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

    it('refuses a signature whose unused low bits are flipped (same bytes)', () => {
      // 32 bytes = 43 characters: the last one carries 4 bits of data and 2 unused bits.
      const last = B64.indexOf(s[s.length - 1]);
      const flipped = `${s.slice(0, -1)}${B64[last ^ 0b01]}`;
      expect(Buffer.from(flipped, 'base64url')).toEqual(Buffer.from(s, 'base64url'));
      expect(() => codec.verify(`${h}.${p}.${flipped}`)).toThrow('non-canonical base64url');
      expect(codec.verify(`${h}.${p}.${s}`)).toEqual(claims);
    });

    it.each([
      ['padding', (x: string) => `${x}=`],
      ['+ and / instead of - and _', (x: string) => x.replace(/-/g, '+').replace(/_/g, '/')],
      ['whitespace', (x: string) => ` ${x}`],
    ])('refuses %s', (_name, mangle) => {
      // Make sure the signature has a - or _ so the +/ case changes something.
      let sig = s;
      let payload = p;
      for (let i = 0; !/[-_]/.test(sig); i += 1) {
        payload = b64({ ...claims, n: i });
        sig = createHmac('sha256', k.signing!).update(`${h}.${payload}`).digest('base64url');
      }
      expect(mangle(sig)).not.toBe(sig);
      expect(() => codec.verify(`${h}.${payload}.${mangle(sig)}`)).toThrow(InvalidJwsError);
    });
  });

  it("refuses a token whose alg differs from its key's, even with a valid signature of that alg", () => {
    const es = key('es', 'ES256');
    const codec = new JwsCodec(new KeyRing([es], { access: es, refresh: es }));
    const [, p, s] = codec.sign(claims).split('.');
    expect(() => codec.verify(`${b64({ alg: 'ES384', typ: 'JWT', kid: 'es' })}.${p}.${s}`)).toThrow(
      'algorithm not allowed',
    );
    expect(() => codec.verify(`${b64({ alg: 'none', typ: 'JWT', kid: 'es' })}.${p}.`)).toThrow(
      InvalidJwsError,
    );
  });

  it('cannot sign with a verify-only key', () => {
    const es = key('es', 'ES256');
    const verifyOnly: RingKey = { ...es, signing: null };
    const codec = new JwsCodec(new KeyRing([verifyOnly], { access: verifyOnly, refresh: verifyOnly }));
    expect(() => codec.sign(claims)).toThrow('verify-only');
    const signer = new JwsCodec(new KeyRing([es], { access: es, refresh: es }));
    expect(codec.verify(signer.sign(claims))).toEqual(claims);
    expect(
      createPublicKey(createPrivateKey(es.signing!.export({ type: 'pkcs8', format: 'pem' }))).equals(
        es.verifying,
      ),
    ).toBe(true);
  });
});
