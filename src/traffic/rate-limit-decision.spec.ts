import { RateLimitDecision } from './rate-limit-decision';

const counted = (name: string, limit: number, ttlMs: number, totalHits: number, timeToExpire: number) => ({
  name,
  limit,
  ttlMs,
  record: {
    totalHits,
    timeToExpire,
    isBlocked: totalHits > limit,
    timeToBlockExpire: totalHits > limit ? timeToExpire : 0,
  },
});

describe('RateLimitDecision', () => {
  it('lists every policy and reports the one with the least remaining', () => {
    const d = new RateLimitDecision([
      counted('default-1s', 20, 1000, 3, 1),
      counted('login-60s', 10, 60_000, 9, 42),
    ]);
    expect(d.refused).toBe(false);
    expect(d.headers()).toEqual({
      'RateLimit-Policy': '"default-1s";q=20;w=1, "login-60s";q=10;w=60',
      RateLimit: '"login-60s";r=1;t=42',
      'X-RateLimit-Limit': '10',
      'X-RateLimit-Remaining': '1',
      'X-RateLimit-Reset': '42',
    });
  });

  it('refuses with DRF wording and the longest wait among the exceeded limits', () => {
    const d = new RateLimitDecision([
      counted('default-1s', 2, 1000, 3, 1),
      counted('default-60s', 2, 60_000, 3, 37),
    ]);
    const e = d.error(true);
    expect(e.status).toBe(429);
    expect(e.body).toEqual({
      detail: 'Request was throttled. Expected available in 37 seconds.',
      code: 'throttled',
      limit: { scope: 'default', rate: '2/1m', setting: 'THROTTLE_DEFAULT' },
    });
    expect(e.headers).toMatchObject({
      'Retry-After': '37',
      'X-RateLimit-Remaining': '0',
      RateLimit: '"default-60s";r=0;t=37',
    });
    const one = new RateLimitDecision([counted('default-1s', 1, 1000, 2, 1)]).error(false);
    expect(one.body.detail).toBe('Request was throttled. Expected available in 1 second.');
    expect(one.headers).toEqual({ 'Retry-After': '1' });
    const user = new RateLimitDecision([counted('login_user-90s', 1, 90_000, 2, 80)]).error(false);
    expect(user.body.limit).toEqual({ scope: 'login_user', rate: '1/90s', setting: 'THROTTLE_LOGIN_USER' });
  });
});
