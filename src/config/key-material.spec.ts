import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { smallRsaProblem, weakSecretProblem } from './key-material';

describe('weakSecretProblem (production HMAC secrets)', () => {
  it('accepts generated secrets: 2 000 of openssl rand -base64 48 and -hex 32, and the CI key', () => {
    for (let i = 0; i < 1000; i += 1) {
      expect(weakSecretProblem(randomBytes(48).toString('base64'), 'HS256')).toBeUndefined();
      expect(weakSecretProblem(randomBytes(32).toString('hex'), 'HS256')).toBeUndefined();
    }
    expect(
      weakSecretProblem('the-same-hs256-key-both-instances-use-0123456789abcdef', 'HS256'),
    ).toBeUndefined();
  });

  it.each([
    ['x'.repeat(31), /too short for HS256/],
    ['a'.repeat(32), /fewer than 10 distinct bytes/],
    ['0123456780123456780123456780123456', /fewer than 10 distinct bytes/],
    [`${randomBytes(16).toString('hex')}${'='.repeat(8)}`, /8 or more of one character/],
    [`${randomBytes(16).toString('hex')}CHANGEME`, /placeholder.*"changeme"/],
    [`your-256-bit-secret-${randomBytes(8).toString('hex')}`, /placeholder/],
  ])('refuses %j', (secret, why) => {
    expect(weakSecretProblem(secret, 'HS256')).toMatch(why);
  });
});

describe('smallRsaProblem', () => {
  it('refuses RSA under 2048 bits and says nothing of 2048-bit RSA or EC keys', () => {
    const rsa = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits }).privateKey;
    expect(smallRsaProblem(rsa(1024))).toBe('an RSA key of 1024 bits; at least 2048 are required');
    expect(smallRsaProblem(rsa(2048))).toBeUndefined();
    expect(smallRsaProblem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey)).toBeUndefined();
  });
});
