import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  let now = 0;
  const cache = () => new TtlCache<string>(3, () => now);

  beforeEach(() => {
    now = 1_000;
  });

  it('serves a fresh entry without loading, and reloads once it expired', async () => {
    const c = cache();
    let loads = 0;
    const load = () => Promise.resolve(`v${(loads += 1)}`);
    expect(await c.get('k', load, () => 100)).toBe('v1');
    expect(c.peek('k')).toBe('v1');
    expect(await c.get('k', load, () => 100)).toBe('v1');
    now += 101;
    expect(c.peek('k')).toBeUndefined();
    expect(await c.get('k', load, () => 100)).toBe('v2');
  });

  it('shares one load among concurrent misses of a key', async () => {
    const c = cache();
    let loads = 0;
    const load = () => new Promise<string>((r) => setTimeout(() => r(`v${(loads += 1)}`), 5));
    expect(await Promise.all([c.get('k', load, () => 100), c.get('k', load, () => 100)])).toEqual([
      'v1',
      'v1',
    ]);
    expect(loads).toBe(1);
  });

  it('does not store a value that was loading while an invalidation happened (a racing revocation wins)', async () => {
    const c = cache();
    let release!: (v: string) => void;
    const loading = c.get(
      'k',
      () => new Promise<string>((r) => (release = r)),
      () => 100,
    );
    c.invalidate((key) => key === 'other');
    c.set('k', 'revoked', 100);
    release('stale-live');
    expect(await loading).toBe('stale-live');
    expect(c.peek('k')).toBe('revoked');
  });

  it('stays within its bound by dropping the oldest entry', () => {
    const c = cache();
    for (const k of ['a', 'b', 'c', 'd']) c.set(k, k, 100);
    expect(c.size).toBe(3);
    expect(c.peek('a')).toBeUndefined();
    expect(c.peek('d')).toBe('d');
  });

  it('drops only the entries an invalidation matches', () => {
    const c = cache();
    c.set('a', 'x', 100);
    c.set('b', 'y', 100);
    c.invalidate((_, v) => v === 'x');
    expect([c.peek('a'), c.peek('b')]).toEqual([undefined, 'y']);
    c.invalidate();
    expect(c.size).toBe(0);
  });
});
