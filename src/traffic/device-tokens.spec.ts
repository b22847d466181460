import { Clock } from '../common/clock';
import { BruteForceConfig } from '../config/brute-force.config';
import { JwtConfig } from '../config/jwt.config';
import { DeviceTokens } from './device-tokens';

class FixedClock extends Clock {
  at = 1_800_000_000_000;
  override now(): number {
    return this.at;
  }
}

const config = (secret?: string): BruteForceConfig => ({
  enabled: true,
  freeFailures: 5,
  baseDelayMs: 60_000,
  maxDelayMs: 900_000,
  deviceLifetimeMs: 86_400_000,
  deviceSecret: secret,
});
const jwt = (signingKey: string) =>
  ({ signingKey, signingKeys: [], refreshSigningKeys: [] }) as unknown as JwtConfig;

describe('DeviceTokens', () => {
  const clock = new FixedClock();
  const tokens = new DeviceTokens(config(), jwt('a-signing-key-of-the-service-0123456789'), clock);

  it('recognises its own token for the same account until it expires', () => {
    const token = tokens.issue('alice');
    const id = token.split('.')[0];
    expect(tokens.verify('alice', token)).toBe(id);
    expect(tokens.issue('alice', id).split('.')[0]).toBe(id); // renewed, same device
    clock.at += 86_400_000 - 1000;
    expect(tokens.verify('alice', token)).toBe(id);
    clock.at += 1000;
    expect(tokens.verify('alice', token)).toBeUndefined();
  });

  it('refuses another account, a changed expiry, another key, and garbage', () => {
    const token = tokens.issue('alice');
    const [id, exp, mac] = token.split('.');
    expect(tokens.verify('Alice', token)).toBeUndefined();
    expect(tokens.verify('alice', `${id}.${Number(exp) + 86_400}.${mac}`)).toBeUndefined();
    const other = new DeviceTokens(config('another-dedicated-secret-0123456789abcdef'), jwt('x'), clock);
    expect(other.verify('alice', token)).toBeUndefined();
    for (const bad of [undefined, '', 'a.b.c', `${token}.x`, token.replace(/.$/, '')]) {
      expect(tokens.verify('alice', bad)).toBeUndefined();
    }
  });
});
