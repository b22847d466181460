import { Semaphore, SemaphoreFullError } from './semaphore';

describe('Semaphore', () => {
  it('never runs more than its limit at once and runs every task', async () => {
    const sem = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const task = async (i: number) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      return i;
    };
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => sem.run(() => task(i))));
    expect(results).toEqual([1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(2);
  });

  it('releases its slot when a task fails', async () => {
    const sem = new Semaphore(1);
    await expect(sem.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(sem.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('refuses a task at once when its waiting line is full, and takes tasks again once it drains', async () => {
    const sem = new Semaphore(1, 1);
    let release = () => {};
    const first = sem.run(() => new Promise<void>((r) => (release = r)));
    const second = sem.run(() => Promise.resolve('second'));
    await expect(sem.run(() => Promise.resolve('third'))).rejects.toBeInstanceOf(SemaphoreFullError);
    release();
    await first;
    await expect(second).resolves.toBe('second');
    await expect(sem.run(() => Promise.resolve('fourth'))).resolves.toBe('fourth');
  });
});
