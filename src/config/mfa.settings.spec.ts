import { EnvReader } from './env.parsers';
import { readMfaSettings } from './mfa.settings';

const read = (env: Record<string, string>) => {
  const r = new EnvReader(env);
  return { config: readMfaSettings(r), errors: r.errors };
};

describe('MFA settings', () => {
  it('defaults: staff not forced, keys in clear, 5 minutes and 5 tries, passkeys off', () => {
    expect(read({})).toEqual({
      config: {
        requiredForStaff: false,
        encryptionKey: undefined,
        tokenLifetime: 300,
        tokenAttempts: 5,
        issuer: 'Bastion',
        rpId: undefined,
        rpName: 'Bastion',
        origins: [],
      },
      errors: [],
    });
  });

  it('names every bad setting', () => {
    const { errors } = read({
      MFA_ENCRYPTION_KEY: 'short',
      MFA_TOKEN_LIFETIME: '10s',
      MFA_TOKEN_ATTEMPTS: '0',
      MFA_ISSUER: 'a:b',
      MFA_REQUIRED_FOR_STAFF: 'maybe',
    });
    expect(errors.map((e) => e.split(':')[0])).toEqual([
      'MFA_ENCRYPTION_KEY',
      'MFA_ISSUER',
      'MFA_REQUIRED_FOR_STAFF',
      'MFA_TOKEN_LIFETIME',
      'MFA_TOKEN_ATTEMPTS',
    ]);
  });

  it('checks the passkey origins against the RP ID', () => {
    const ok = read({
      WEBAUTHN_RP_ID: 'Example.com',
      WEBAUTHN_ORIGINS: 'https://app.example.com/,https://example.com',
    });
    expect(ok.errors).toEqual([]);
    expect(ok.config).toMatchObject({
      rpId: 'example.com',
      origins: ['https://app.example.com', 'https://example.com'],
    });
    expect(read({ WEBAUTHN_RP_ID: 'localhost', WEBAUTHN_ORIGINS: 'http://localhost:3000' }).errors).toEqual(
      [],
    );
    expect(read({ WEBAUTHN_RP_ID: 'example.com' }).errors).toEqual([
      'WEBAUTHN_ORIGINS: needs at least one origin with WEBAUTHN_RP_ID',
    ]);
    expect(read({ WEBAUTHN_ORIGINS: 'https://example.com' }).errors).toEqual([
      'WEBAUTHN_ORIGINS: needs WEBAUTHN_RP_ID',
    ]);
    expect(
      read({
        WEBAUTHN_RP_ID: 'example.com',
        WEBAUTHN_ORIGINS: 'http://example.com,https://evil.com,https://example.com/x',
      }).errors,
    ).toEqual([
      'WEBAUTHN_ORIGINS: "http://example.com": must be https',
      'WEBAUTHN_ORIGINS: "https://evil.com": not within example.com',
      'WEBAUTHN_ORIGINS: "https://example.com/x": an origin has no path, query or credentials',
    ]);
    expect(
      read({ WEBAUTHN_RP_ID: 'https://example.com', WEBAUTHN_ORIGINS: 'https://example.com' }).errors[0],
    ).toMatch(/^WEBAUTHN_RP_ID: expected a domain name/);
  });
});
