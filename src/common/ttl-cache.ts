/**
 * A small bounded map with per-entry expiry and a generation counter: a value loaded from the
 * database is stored only if no invalidation happened while it was loading, so a revocation that
 * races a cache fill is never overwritten by the stale row. Loads of one key are shared.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  private readonly pending = new Map<string, Promise<V>>();
  private generation = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  /** The fresh cached value, synchronously (the guard's hot path); undefined on a miss. */
  peek(key: string): V | undefined {
    const hit = this.entries.get(key);
    return hit !== undefined && hit.until > this.now() ? hit.value : undefined;
  }

  async get(key: string, load: () => Promise<V>, ttlMs: (v: V) => number): Promise<V> {
    const hit = this.peek(key);
    if (hit !== undefined) return hit;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const generation = this.generation;
    const loading = load().then(
      (value) => {
        this.pending.delete(key);
        if (generation === this.generation) this.set(key, value, ttlMs(value));
        return value;
      },
      (e: unknown) => {
        this.pending.delete(key);
        throw e;
      },
    );
    this.pending.set(key, loading);
    return loading;
  }

  set(key: string, value: V, ttlMs: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, until: this.now() + ttlMs });
  }

  /** Drops entries matching `test` (every entry without one) and voids loads in flight. */
  invalidate(test?: (key: string, value: V) => boolean): void {
    this.generation += 1;
    this.pending.clear();
    if (!test) {
      this.entries.clear();
      return;
    }
    for (const [key, e] of this.entries) if (test(key, e.value)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
