import { Logger } from '@nestjs/common';
import { WriteBehind } from './write-behind';

describe('WriteBehind', () => {
  let written: number[][];
  const write = (batch: number[]): Promise<void> => {
    written.push(batch);
    return Promise.resolve();
  };
  beforeEach(() => {
    written = [];
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('writes what is queued in one batch after the interval, in arrival order', async () => {
    const q = new WriteBehind('t', write, { intervalMs: 100, maxPending: 10 });
    await q.add(1);
    await q.add(2);
    expect(written).toEqual([]);
    await jest.advanceTimersByTimeAsync(100);
    expect(written).toEqual([[1, 2]]);
  });

  it('writes at once, and makes the caller wait, when maxPending are queued (never grows past it)', async () => {
    const q = new WriteBehind('t', write, { intervalMs: 1000, maxPending: 3 });
    await q.add(1);
    await q.add(2);
    await q.add(3);
    expect(written).toEqual([[1, 2, 3]]);
  });

  it('merges items with the same key into one row of the batch', async () => {
    const q = new WriteBehind('t', write, {
      intervalMs: 100,
      maxPending: 10,
      key: (n) => String(n % 2),
      merge: (a, b) => Math.max(a, b),
    });
    for (const n of [1, 4, 3, 2]) await q.add(n);
    await q.flush();
    expect(written).toEqual([[3, 4]]);
  });

  it('logs and drops a batch that cannot be written, and keeps going', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    let fail = true;
    const q = new WriteBehind(
      't',
      (batch: number[]) => (fail ? Promise.reject(new Error('down')) : write(batch)),
      { intervalMs: 100, maxPending: 10 },
    );
    await q.add(1);
    await expect(q.flush()).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith('could not write 1 queued rows: down');
    fail = false;
    await q.add(2);
    await q.flush();
    expect(written).toEqual([[2]]);
    error.mockRestore();
  });
});
