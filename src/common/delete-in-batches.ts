/**
 * Housekeeping's one loop: `deleteBatch(limit)` (one short statement) until a batch comes back short.
 * Between batches it lets waiting requests run first, so a million rows never block them.
 * `onBatch` gets the running total after each batch that deleted something.
 */
export async function deleteInBatches(
  deleteBatch: (limit: number) => Promise<number>,
  batchSize: number,
  onBatch?: (total: number) => void,
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await deleteBatch(batchSize);
    total += n;
    if (n > 0) onBatch?.(total);
    if (n < batchSize) return total;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
