import { JwtService } from '@nestjs/jwt';
import { createHmac, createSecretKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { Clock } from '../common/clock';
import { JWT_ALGORITHMS, JwtAlgorithm, JwtConfig } from '../config/jwt.config';
import { jwtModuleOptions } from './jwt-library.options';
import { KeyRing, KeyScope, RingKey } from './keys/key-ring';
import { TokenError } from './token-error';
import { TokenMinter } from './token-minter';
import { TokenPrecheck } from './token-precheck';
import { TokenValidator } from './token-validator';
import { BastionMetrics } from '../metrics/bastion-metrics';

const NOW = 1_900_000_000;

function pair(alg: JwtAlgorithm): { signing: KeyObject; verifying: KeyObject } {
  if (alg.startsWith('HS')) {
    const secret = createSecretKey(Buffer.from(`secret-for-${alg}-0123456789abcdef0123456789`));
    return { signing: secret, verifying: secret };
  }
  const { privateKey, publicKey } = alg.startsWith('RS')
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', {
        namedCurve: { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }[alg as 'ES256'],
      });
  return { signing: privateKey, verifying: publicKey };
}

function key(kid: string | undefined, alg: JwtAlgorithm, scope: KeyScope = 'both', legacy = false): RingKey {
  return { kid, algorithm: alg, ...pair(alg), scope, legacy };
}

const config = {
  accessLifetime: 300,
  refreshLifetime: 86400,
  slidingLifetime: 300,
  slidingRefreshLifetime: 86400,
  leeway: 0,
  audience: undefined,
  issuer: undefined,
  tokenTypeClaim: 'token_type',
  jtiClaim: 'jti',
  userIdClaim: 'user_id',
  slidingRefreshExpClaim: 'refresh_exp',
  signingKeys: [],
  algorithm: 'HS256',
} as unknown as JwtConfig;
const clock: Clock = { now: () => NOW * 1000, nowSeconds: () => NOW };

/** The production pieces around a ring: JwtService as JwtModule builds it, precheck, validator, minter. */
function tokens(
  keys: RingKey[],
  signers: { access: RingKey; refresh: RingKey } = { access: keys[0], refresh: keys[0] },
) {
  const ring = new KeyRing(keys, signers);
  const jwt = new JwtService(jwtModuleOptions(ring));
  return {
    jwt,
    validator: new TokenValidator(new TokenPrecheck(ring), jwt, ring, config, clock),
    minter: new TokenMinter(jwt, ring, config, { tokenIssued: () => undefined } as unknown as BastionMetrics),
  };
}

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
const claims = { token_type: 'access', exp: NOW + 60, iat: NOW, jti: 'a'.repeat(32), user_id: 1 };

/** Why validation refused `raw` (TokenError.reason); the client-facing message is always "invalid or expired" here. */
function refusal(
  validator: TokenValidator,
  raw: string,
  expected: 'access' | 'refresh' | null = 'access',
): string {
  try {
    validator.validate(raw, expected);
  } catch (e) {
    if (!(e instanceof TokenError)) throw e;
    return `${e.message} / ${e.reason}`;
  }
  throw new Error('accepted');
}
const invalid = (reason: string) => `Token is invalid or expired / ${reason}`;

describe('TokenValidator and TokenMinter (TokenPrecheck + JwtService)', () => {
  it.each(JWT_ALGORITHMS.map((a) => [a]))('signs and verifies %s, with the kid in the header', (alg) => {
    const k = key(`k-${alg}`, alg);
    const { validator, minter } = tokens([k]);
    const { token, claims: minted } = minter.forUser('access', 1, NOW);
    expect(Buffer.from(token.split('.')[0], 'base64url').toString()).toBe(
      `{"alg":"${alg}","typ":"JWT","kid":"k-${alg}"}`,
    );
    expect(validator.validate(token, 'access').claims).toEqual(minted);
    const [h, , s] = token.split('.');
    expect(refusal(validator, `${h}.${b64({ ...minted, user_id: 2 })}.${s}`)).toMatch(
      /^Token is invalid or expired/,
    );
  });

  it('signs every token type with a legacy HMAC key exactly as simplejwt: header, claim order', () => {
    const k = key(undefined, 'HS256', 'both', true);
    const { validator, minter } = tokens([k]);
    for (const type of ['access', 'refresh', 'sliding'] as const) {
      const { token, claims: minted } = minter.forUser(type, 7, NOW);
      const [h, p] = token.split('.');
      expect(Buffer.from(h, 'base64url').toString()).toBe('{"alg":"HS256","typ":"JWT"}');
      const order = [
        'token_type',
        'exp',
        'iat',
        'jti',
        ...(type === 'sliding' ? ['refresh_exp'] : []),
        'user_id',
      ];
      expect(Object.keys(JSON.parse(Buffer.from(p, 'base64url').toString()) as object)).toEqual(order);
      expect(validator.validate(token, type === 'sliding' ? 'sliding' : type).claims).toEqual(minted);
    }
  });

  describe('key selection', () => {
    const legacy = key(undefined, 'HS256', 'both', true);
    const access = key('acc-1', 'ES256', 'access');
    const refresh = key('ref-1', 'ES256', 'refresh');
    const { validator, minter } = tokens([legacy, access, refresh], { access, refresh });

    it('refuses an unknown kid, and a kid that is not a string', () => {
      const t = minter.forUser('access', 1, NOW).token.split('.');
      expect(refusal(validator, `${b64({ alg: 'ES256', typ: 'JWT', kid: 'nope' })}.${t[1]}.${t[2]}`)).toBe(
        invalid('unknown kid'),
      );
      expect(refusal(validator, `${b64({ alg: 'ES256', typ: 'JWT', kid: 1 })}.${t[1]}.${t[2]}`)).toBe(
        invalid('kid is not a string'),
      );
    });

    it('keeps refresh keys and access keys apart (wrong scope)', () => {
      const r = minter.forUser('refresh', 1, NOW).token;
      expect(validator.validate(r, 'refresh').claims.token_type).toBe('refresh');
      expect(validator.validate(r, null).claims.token_type).toBe('refresh');
      expect(refusal(validator, r, 'access')).toBe(invalid('unknown kid'));
      const a = minter.forUser('access', 1, NOW).token;
      expect(refusal(validator, a, 'refresh')).toBe(invalid('unknown kid'));
    });

    it('checks a token without kid only with the legacy key', () => {
      const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
      const token = `${input}.${createHmac('sha256', legacy.signing!).update(input).digest('base64url')}`;
      expect(validator.validate(token, 'access').claims).toEqual(claims);
      expect(refusal(tokens([access]).validator, token)).toBe(invalid('unknown kid'));
    });

    it.each(['jku', 'x5u', 'jwk', 'x5c', 'crit'])('refuses a header carrying %s', (member) => {
      const t = minter.forUser('access', 1, NOW).token.split('.');
      const h = b64({
        alg: 'ES256',
        typ: 'JWT',
        kid: 'acc-1',
        [member]: member === 'jwk' ? {} : 'https://evil',
      });
      expect(refusal(validator, `${h}.${t[1]}.${t[2]}`)).toBe(invalid(`header member ${member} refused`));
    });
  });

  it.each(['none', 'NONE', 'hs256'])('refuses alg %s, signed or not', (alg) => {
    const k = key(undefined, 'HS256', 'both', true);
    const { validator } = tokens([k]);
    const input = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
    expect(refusal(validator, `${input}.`)).toBe(invalid('bad base64url'));
    const signed = `${input}.${createHmac('sha256', k.signing!).update(input).digest('base64url')}`;
    expect(refusal(validator, signed)).toBe(invalid('algorithm not allowed'));
  });

  it('refuses an RS256 public key used as an HS256 secret (algorithm confusion)', () => {
    const rsa = key('rsa-1', 'RS256');
    const pem = rsa.verifying.export({ type: 'spki', format: 'pem' });
    const forge = (header: object) => {
      const input = `${b64(header)}.${b64(claims)}`;
      return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
    };
    const { validator } = tokens([rsa]);
    expect(refusal(validator, forge({ alg: 'HS256', typ: 'JWT', kid: 'rsa-1' }))).toBe(
      invalid('algorithm not allowed'),
    );
    expect(refusal(validator, forge({ alg: 'HS256', typ: 'JWT' }))).toBe(invalid('unknown kid'));
    // The legacy asymmetric key too: a kid-less token is checked with the legacy key's own algorithm.
    const legacyRsa = { ...rsa, kid: 'thumb', legacy: true };
    expect(refusal(tokens([legacyRsa]).validator, forge({ alg: 'HS256', typ: 'JWT' }))).toBe(
      invalid('algorithm not allowed'),
    );
  });

  it("refuses a token whose alg differs from its key's, even with a valid signature of that alg", () => {
    const es = key('es', 'ES256');
    const { validator, minter } = tokens([es]);
    const [, p, s] = minter.forUser('access', 1, NOW).token.split('.');
    expect(refusal(validator, `${b64({ alg: 'ES384', typ: 'JWT', kid: 'es' })}.${p}.${s}`)).toBe(
      invalid('algorithm not allowed'),
    );
    // A signature of the wrong length for ES256 is the library's refusal, never a 500.
    expect(
      refusal(validator, `${b64({ alg: 'ES256', typ: 'JWT', kid: 'es' })}.${p}.${s.slice(0, 40)}`),
    ).toMatch(/^Token is invalid or expired \/ .*64/);
  });

  describe('non-canonical base64url and bad segments', () => {
    const k = key(undefined, 'HS256', 'both', true);
    const { validator, jwt } = tokens([k]);
    const sign = (payload: object) => jwt.sign(payload, { algorithm: 'HS256', privateKey: k.signing! });
    const [h, p, s] = sign(claims).split('.');
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

    it('refuses a signature whose unused low bits are flipped (same bytes)', () => {
      // 32 bytes = 43 characters: the last one carries 4 bits of data and 2 unused bits.
      const flipped = `${s.slice(0, -1)}${B64[B64.indexOf(s[s.length - 1]) ^ 0b01]}`;
      expect(Buffer.from(flipped, 'base64url')).toEqual(Buffer.from(s, 'base64url'));
      expect(refusal(validator, `${h}.${p}.${flipped}`)).toBe(invalid('non-canonical base64url'));
      expect(validator.validate(`${h}.${p}.${s}`, 'access').claims).toEqual(claims);
    });

    it.each([
      ['padding', (x: string) => `${x}=`],
      ['+ and / instead of - and _', (x: string) => x.replace(/-/g, '+').replace(/_/g, '/')],
      ['whitespace', (x: string) => ` ${x}`],
    ])('refuses %s', (_name, mangle) => {
      let token = sign(claims);
      for (let i = 0; !/[-_]/.test(token.split('.')[2]); i += 1) token = sign({ ...claims, n: i });
      const [th, tp, ts] = token.split('.');
      expect(mangle(ts)).not.toBe(ts);
      expect(refusal(validator, `${th}.${tp}.${mangle(ts)}`)).toBe(invalid('bad base64url'));
    });

    it('refuses two or four segments, a payload that is not a JSON object, and invalid UTF-8', () => {
      expect(refusal(validator, `${h}.${p}`)).toBe(invalid('not three segments'));
      expect(refusal(validator, `${h}.${p}.${s}.${s}`)).toBe(invalid('not three segments'));
      expect(refusal(validator, `${b64([1])}.${p}.${s}`)).toBe(invalid('header is not a JSON object'));
      for (const payload of [[1], null, 'text', 7]) {
        expect(refusal(validator, `${h}.${b64(payload)}.${s}`)).toBe(invalid('payload is not a JSON object'));
      }
      // Not JSON at all, though it starts like an object: the library's refusal.
      const broken = Buffer.from('{"exp":').toString('base64url');
      expect(refusal(validator, `${h}.${broken}.${s}`)).toMatch(/^Token is invalid or expired \//);
      const latin1 = Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]).toString('base64url'); // {"\xe9":1}
      expect(refusal(validator, `${h}.${latin1}.${s}`)).toBe(invalid('payload is not UTF-8'));
      const latin1Header = Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]).toString('base64url');
      expect(refusal(validator, `${latin1Header}.${p}.${s}`)).toBe(invalid('header is not JSON in UTF-8'));
    });
  });

  describe("time and required claims, simplejwt's semantics with the injected clock", () => {
    const k = key(undefined, 'HS256', 'both', true);
    const { validator } = tokens([k]);
    // By hand: jsonwebtoken itself refuses to sign a non-numeric exp.
    const sign = (payload: object) => {
      const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
      return `${input}.${createHmac('sha256', k.signing!).update(input).digest('base64url')}`;
    };
    const message = (payload: object, expected: 'access' | null = 'access') =>
      refusal(validator, sign(payload), expected).split(' / ')[0];

    it('is expired once now >= exp, and refuses iat/nbf in the future', () => {
      expect(message({ ...claims, exp: NOW })).toBe('Token is invalid or expired');
      expect(validator.validate(sign({ ...claims, exp: NOW + 1 }), 'access').exp).toBe(NOW + 1);
      expect(message({ ...claims, iat: NOW + 1 })).toBe('Token is invalid or expired');
      expect(message({ ...claims, nbf: NOW + 1 })).toBe('Token is invalid or expired');
      expect(validator.validate(sign({ ...claims, nbf: NOW }), 'access').jti).toBe(claims.jti);
    });

    it('wants time claims as JSON numbers within year 9999', () => {
      expect(message({ ...claims, exp: String(NOW + 60) })).toBe('Token is invalid or expired');
      expect(message({ ...claims, exp: 253402300800 })).toBe('Token is invalid or expired');
      expect(message({ ...claims, iat: 'now' })).toBe('Token is invalid or expired');
    });

    it("answers simplejwt's messages for a missing exp, jti or type and a wrong type", () => {
      const { exp: _exp, ...noExp } = claims;
      expect(message(noExp)).toBe("Token has no 'exp' claim");
      const { jti: _jti, ...noJti } = claims;
      expect(message(noJti)).toBe('Token has no id');
      const { token_type: _type, ...noType } = claims;
      expect(message(noType)).toBe('Token has no type');
      expect(validator.validate(sign(noType), null).jti).toBe(claims.jti);
      expect(message({ ...claims, token_type: 'refresh' })).toBe('Token has wrong type');
    });
  });

  it('cannot sign with a verify-only key (refused when the minter is built), but verifies with it', () => {
    const es = key('es', 'ES256');
    const verifyOnly: RingKey = { ...es, signing: null };
    expect(() => tokens([verifyOnly])).toThrow('verify-only');
    const hs = key('hs', 'HS256');
    const { validator } = tokens([verifyOnly, hs], { access: hs, refresh: hs });
    const signedElsewhere = tokens([es]).minter.forUser('access', 1, NOW).token;
    expect(validator.validate(signedElsewhere, 'access').claims.user_id).toBe(1);
  });
});
