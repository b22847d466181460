import { MfaConfig } from '../config/mfa.config';
import { MfaSecrets, recoveryCodeHash } from './mfa-secrets';

const secrets = (encryptionKey?: string) => new MfaSecrets({ encryptionKey } as MfaConfig);
const KEY = 'an-mfa-encryption-key-of-at-least-32-characters';

describe('MFA secrets at rest', () => {
  it('seals with the key: the stored form hides the secret and opens for the same user only', () => {
    const box = secrets(KEY);
    const sealed = box.seal('3132333435363738393031323334353637383930', 7);
    expect(sealed).toMatch(/^v1:[\w-]+$/);
    expect(sealed).not.toContain('3132');
    expect(box.open(sealed, 7)).toBe('3132333435363738393031323334353637383930');
    expect(() => box.open(sealed, 8)).toThrow();
    expect(() => secrets(`${KEY}x`).open(sealed, 7)).toThrow();
    expect(box.seal('abc', 7)).not.toBe(box.seal('abc', 7)); // a fresh IV each time
  });

  it('without a key stores in clear, and still reads clear values once a key is set', () => {
    const plain = secrets().seal('abcd', 1);
    expect(plain).toBe('plain:abcd');
    expect(secrets(KEY).open(plain, 1)).toBe('abcd');
    expect(() => secrets().open(secrets(KEY).seal('abcd', 1), 1)).toThrow(/MFA_ENCRYPTION_KEY/);
  });

  it('hashes recovery codes whatever their case, dashes and spaces', () => {
    expect(recoveryCodeHash('K3J9Q-7XW2M')).toBe(recoveryCodeHash(' k3j9q 7xw2m'));
    expect(recoveryCodeHash('k3j9q-7xw2m')).not.toBe(recoveryCodeHash('k3j9q-7xw2n'));
  });
});
