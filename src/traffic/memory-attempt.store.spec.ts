import { BruteForceConfig } from '../config/brute-force.config';
import { MemoryAttemptStore } from './memory-attempt.store';

const DEFAULTS: BruteForceConfig = {
  enabled: true,
  freeFailures: 5,
  baseDelayMs: 60_000,
  maxDelayMs: 900_000,
  deviceLifetimeMs: 0,
  deviceSecret: undefined,
};

/** A guesser trying every second from any number of addresses: how many guesses are really checked. */
async function checkedGuesses(store: MemoryAttemptStore, from: number, to: number): Promise<number> {
  let checked = 0;
  for (let now = from; now < to; now += 1000) {
    if (await store.isLocked('acct', now)) continue;
    checked += 1;
    await store.recordFailure('acct', now);
  }
  return checked;
}

describe('MemoryAttemptStore with the default backoff', () => {
  it('lets a relentless guesser check about 10 passwords in the first hour and 4 an hour after', async () => {
    const store = new MemoryAttemptStore(DEFAULTS);
    const hour = 3_600_000;
    expect(await checkedGuesses(store, 0, hour)).toBe(11);
    expect(await checkedGuesses(store, hour, 2 * hour)).toBe(4);
  });

  it('keeps streaks apart and forgets one on success', async () => {
    const store = new MemoryAttemptStore(DEFAULTS);
    for (let i = 0; i < 5; i++) await store.recordFailure('acct', 0);
    expect(await store.isLocked('acct', 1)).toBe(true);
    expect(await store.isLocked('acct:device', 1)).toBe(false);
    expect(await store.isLocked('acct', 60_000)).toBe(false);
    await store.reset('acct');
    await store.recordFailure('acct', 60_000);
    expect(await store.isLocked('acct', 60_001)).toBe(false);
  });

  it('counts a check as it begins: of 50 checks in flight at once only the free failures go ahead', async () => {
    const store = new MemoryAttemptStore(DEFAULTS);
    const refused = await Promise.all(Array.from({ length: 50 }, () => store.begin('acct', 0)));
    expect(refused.filter((r) => !r)).toHaveLength(DEFAULTS.freeFailures);
    await store.reset('acct'); // the owner's success
    expect(await store.begin('acct', 1)).toBe(false);
  });
});

describe('MemoryAttemptStore at its bound', () => {
  it('evicts unlocked streaks before a locked one, however many made-up usernames fail', async () => {
    const store = new MemoryAttemptStore(DEFAULTS, 10);
    for (let i = 0; i < 5; i++) await store.recordFailure('victim', 0); // locked for a minute
    expect(await store.isLocked('victim', 1)).toBe(true);
    for (let i = 0; i < 1_000; i++) await store.recordFailure(`made-up-${i}`, 1 + i);
    expect(await store.isLocked('victim', 1_001)).toBe(true);
    expect(await store.isLocked('victim', 60_000)).toBe(false); // its window ends as it would have
  });

  it('evicts the oldest locked streaks only when nothing unlocked is left', async () => {
    const store = new MemoryAttemptStore(DEFAULTS, 10);
    for (let n = 0; n < 10; n++) for (let i = 0; i < 5; i++) await store.recordFailure(`acct-${n}`, n);
    await store.recordFailure('one-more', 10); // 11 streaks: it goes first, then the oldest locked one
    expect(await store.isLocked('acct-0', 20)).toBe(false);
    for (let n = 1; n < 10; n++) expect(await store.isLocked(`acct-${n}`, 20)).toBe(true);
  });
});
