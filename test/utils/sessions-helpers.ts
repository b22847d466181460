import { Clock } from '../../src/common/clock';
import { TestApp } from './create-test-app';

/** Settings of the session e2e specs: no throttling or lockout in the way of bursts of requests. */
export const QUIET: Record<string, string> = {
  THROTTLE_ENABLED: 'false',
  BRUTE_FORCE_ENABLED: 'false',
  FLUSH_INTERVAL: '0',
};
export const ROTATING: Record<string, string> = { ...QUIET, JWT_ROTATE_REFRESH_TOKENS: 'true' };

/** Moves the app's injected clock forward by `seconds` (cumulative); returns a restore function. */
export function advanceClock(t: TestApp, seconds: number): () => void {
  const clock = t.app.get(Clock);
  const base = clock.now.bind(clock);
  const spy = jest.spyOn(clock, 'now').mockImplementation(() => base() + seconds * 1000);
  return () => spy.mockRestore();
}

export const bearer = (access: string): [string, string] => ['Authorization', `Bearer ${access}`];

/** Polls `check` every 20 ms until it returns true or `ms` pass; the elapsed milliseconds, or -1. */
export async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (Date.now() - start <= ms) {
    if (await check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 20));
  }
  return -1;
}
