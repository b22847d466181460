import { EnvReader } from './env.parsers';
import { parseRateRules, readTrafficSettings } from './traffic.settings';

describe('parseRateRules', () => {
  it('reads one or more <limit>/<window> rules, shortest window first', () => {
    expect(parseRateRules('300/1m, 20/1s')).toEqual([
      { limit: 20, ttlMs: 1000 },
      { limit: 300, ttlMs: 60_000 },
    ]);
    expect(parseRateRules('5/1h')).toEqual([{ limit: 5, ttlMs: 3_600_000 }]);
  });

  it.each(['', '10', '10/', '0/1m', '10/0s', '10/1x', '10 per minute', '10/1m,'])('refuses %p', (text) => {
    expect(parseRateRules(text)).toBeUndefined();
  });
});

describe('readTrafficSettings', () => {
  it('has the issue defaults in production', () => {
    const r = new EnvReader({});
    const s = readTrafficSettings(r, true);
    expect(r.errors).toEqual([]);
    expect(s.throttle).toMatchObject({ enabled: true, headers: true, failOpen: true });
    expect(s.throttle.rules.default).toEqual([
      { limit: 20, ttlMs: 1000 },
      { limit: 300, ttlMs: 60_000 },
    ]);
    expect(s.throttle.rules.login_user).toEqual([{ limit: 5, ttlMs: 60_000 }]);
    expect(s.bruteForce).toMatchObject({
      enabled: true,
      freeFailures: 5,
      baseDelayMs: 60_000,
      maxDelayMs: 900_000,
      deviceLifetimeMs: 90 * 86_400_000,
      deviceSecret: undefined,
    });
    expect(s.overload).toEqual({ maxEventLoopDelayMs: 1000, retryAfterSeconds: 5 });
    expect(s.network).toMatchObject({ trustedProxies: [], ipAllowlist: [], corsOrigins: [], tls: undefined });
  });

  it('has looser defaults in development, each one still overridable', () => {
    const r = new EnvReader({ THROTTLE_LOGIN: '3/1m' });
    const { rules } = readTrafficSettings(r, false).throttle;
    expect(r.errors).toEqual([]);
    expect(rules.default).toEqual([
      { limit: 100, ttlMs: 1000 },
      { limit: 3000, ttlMs: 60_000 },
    ]);
    expect(rules.login).toEqual([{ limit: 3, ttlMs: 60_000 }]);
    expect(rules.login_user).toEqual([{ limit: 30, ttlMs: 60_000 }]);
    expect(rules.register).toEqual([{ limit: 60, ttlMs: 3_600_000 }]);
  });

  it('names every bad variable', () => {
    const r = new EnvReader({
      THROTTLE_DEFAULT: '20 per second',
      TRUSTED_PROXIES: '10.0.0.0/8, 300.1.1.1',
      IP_DENYLIST: 'fe80::/129',
      CORS_ORIGINS: '*',
      TLS_CERT_FILE: '/no/such/cert.pem',
      TLS_KEY_FILE: '/no/such/key.pem',
      THROTTLE_FAIL_OPEN: 'maybe',
      BRUTE_FORCE_FREE_FAILURES: '0',
      DEVICE_TOKEN_SECRET: 'short',
      OVERLOAD_MAX_EVENT_LOOP_DELAY: '-1',
    });
    readTrafficSettings(r);
    expect(r.errors.map((e) => e.split(':')[0]).sort()).toEqual(
      [
        'BRUTE_FORCE_FREE_FAILURES',
        'CORS_ORIGINS',
        'DEVICE_TOKEN_SECRET',
        'IP_DENYLIST',
        'OVERLOAD_MAX_EVENT_LOOP_DELAY',
        'THROTTLE_DEFAULT',
        'THROTTLE_FAIL_OPEN',
        'TLS_CERT_FILE',
        'TLS_KEY_FILE',
        'TRUSTED_PROXIES',
      ].sort(),
    );
    expect(r.errors.find((e) => e.startsWith('TRUSTED_PROXIES'))).toContain('"300.1.1.1"');
  });
});
