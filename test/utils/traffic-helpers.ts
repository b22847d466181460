import Redis from 'ioredis';
import { Response } from 'supertest';
import { Env } from '../../src/config/env.parsers';

/** Test helpers of the traffic-protection specs (test/traffic-*.e2e-spec.ts). */

/** Each storage the specs run on: memory always, Redis when TEST_REDIS_URL is set. */
export function storages(): [string, Env][] {
  const list: [string, Env][] = [['memory', {}]];
  if (process.env.TEST_REDIS_URL) list.push(['redis', { REDIS_URL: process.env.TEST_REDIS_URL }]);
  else process.stdout.write('traffic specs: TEST_REDIS_URL unset, the Redis variants are skipped\n');
  return list;
}

/** Supertest's peer is 127.0.0.1 (or ::1): trusting it lets a spec choose the client with X-Forwarded-For. */
export const TRUST_LOCAL = { TRUSTED_PROXIES: '127.0.0.1/32,::1/128' };

const base = `10.${Math.floor(Math.random() * 250) + 2}`;
let n = 0;
/** A client address no other test (or earlier run on a shared Redis) has used. */
export function freshIp(): string {
  n += 1;
  return `${base}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
}

export const THROTTLED = /^Request was throttled\. Expected available in \d+ seconds?\.$/;

/** A 429 in the shape: DRF's body plus the limit that refused, a plain Retry-After in seconds. */
export function expectThrottled(res: Response, scope?: string): void {
  expect(res.status).toBe(429);
  expect(res.body).toEqual({
    detail: expect.stringMatching(THROTTLED) as string,
    code: 'throttled',
    limit: {
      scope: scope ?? (expect.any(String) as string),
      rate: expect.stringMatching(/^\d+\/\d+[smhd]$/) as string,
      setting: expect.stringMatching(/^THROTTLE_[A-Z_]+$/) as string,
    },
  });
  const wait = res.headers['retry-after'];
  expect(wait).toMatch(/^\d+$/);
  expect((res.body as { detail: string }).detail).toContain(`in ${wait} second`);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A Redis client on TEST_REDIS_URL for checks, or null. */
export function testRedis(): Redis | null {
  return process.env.TEST_REDIS_URL ? new Redis(process.env.TEST_REDIS_URL, { lazyConnect: false }) : null;
}
