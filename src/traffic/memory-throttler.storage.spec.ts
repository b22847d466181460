import { MemoryThrottlerStorage } from './memory-throttler.storage';

describe('MemoryThrottlerStorage', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('counts a fixed window and blocks past the limit until it ends', async () => {
    const s = new MemoryThrottlerStorage(clock);
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await s.increment('k', 2000, 3));
    expect(hits.map((h) => [h.totalHits, h.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [3, true], // a refused hit is not counted
    ]);
    expect(hits[3].timeToBlockExpire).toBe(2);
    now += 2000;
    expect(await s.increment('k', 2000, 3)).toMatchObject({ totalHits: 1, isBlocked: false });
    s.onModuleDestroy();
  });

  it('counts a request against all its limits only when none refuses it', async () => {
    const s = new MemoryThrottlerStorage(clock);
    const limits = [
      { key: 'second', ttl: 1000, limit: 1 },
      { key: 'hour', ttl: 3_600_000, limit: 5 },
    ];
    expect((await s.incrementAll(limits)).map((r) => r.isBlocked)).toEqual([false, false]);
    for (let i = 0; i < 10; i++) {
      const [second, hour] = await s.incrementAll(limits);
      expect([second.isBlocked, hour.isBlocked, hour.totalHits]).toEqual([true, false, 1]);
    }
    now += 1000;
    expect((await s.incrementAll(limits))[1]).toMatchObject({ totalHits: 2, isBlocked: false });
    s.onModuleDestroy();
  });

  it('keeps memory bounded: expired windows are swept, and a flood of clients cannot pass maxKeys', async () => {
    const s = new MemoryThrottlerStorage(clock, 10_000);
    for (let i = 0; i < 1_000_000; i++) await s.increment(`client-${i}`, 60_000, 5);
    expect(s.size).toBe(10_000);
    // the newest clients are the ones kept
    expect(await s.increment('client-999999', 60_000, 5)).toMatchObject({ totalHits: 2 });
    now += 60_000;
    s.sweep();
    expect(s.size).toBe(0);
    s.onModuleDestroy();
  });
});
