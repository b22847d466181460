import { deleteInBatches } from './delete-in-batches';

describe('deleteInBatches', () => {
  it('deletes until a batch comes back short and reports the running total', async () => {
    let remaining = 25;
    const limits: number[] = [];
    const totals: number[] = [];
    const total = await deleteInBatches(
      (limit) => {
        limits.push(limit);
        const n = Math.min(limit, remaining);
        remaining -= n;
        return Promise.resolve(n);
      },
      10,
      (t) => totals.push(t),
    );
    expect(total).toBe(25);
    expect(remaining).toBe(0);
    expect(limits).toEqual([10, 10, 10]);
    expect(totals).toEqual([10, 20, 25]);
  });

  it('stops after one empty batch', async () => {
    const batch = jest.fn(() => Promise.resolve(0));
    await expect(deleteInBatches(batch, 10)).resolves.toBe(0);
    expect(batch).toHaveBeenCalledTimes(1);
  });
});
