import { progressLines } from './progress';

describe('progressLines (not a terminal)', () => {
  it('prints the first update, then at most one line every 2 s, and the last count on stop', () => {
    let now = 0;
    const lines: string[] = [];
    const p = progressLines(
      (l) => lines.push(l),
      'users',
      100,
      () => now,
    );
    now = 1000;
    p.update(10); // first: printed
    now = 2000;
    p.update(20); // 1 s later: not printed
    now = 3500;
    p.update(50); // 2.5 s after the first: printed
    now = 4000;
    p.update(100);
    p.stop(); // the end: printed
    p.stop(); // once
    expect(lines).toEqual(['users: 10/100 (10/s)', 'users: 50/100 (14/s)', 'users: 100/100 (25/s)']);
  });
});
