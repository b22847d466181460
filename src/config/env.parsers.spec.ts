import { EnvReader, parseDuration } from './env.parsers';

describe('parseDuration', () => {
  it.each([
    ['300', 300],
    ['300s', 300],
    ['5m', 300],
    ['1h', 3600],
    ['1d', 86400],
    [' 2D ', 172800],
  ])('reads %p as %p seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '5x', '-5', '1.5m', 'm', '5 minutes'])('refuses %p', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('EnvReader', () => {
  it('collects one error per bad variable and keeps the fallbacks', () => {
    const env = new EnvReader({ A: 'maybe', B: '5 minutes', C: '99999', D: 'RS1' });
    expect(env.bool('A', true)).toBe(true);
    expect(env.duration('B', '5m')).toBe(300);
    expect(env.int('C', 3000, 1, 65535)).toBe(3000);
    expect(env.oneOf('D', ['HS256', 'RS256'], 'HS256')).toBe('HS256');
    expect(env.errors.map((e) => e.split(':')[0])).toEqual(['A', 'B', 'C', 'D']);
  });

  it('treats blank values as unset', () => {
    const env = new EnvReader({ A: '  ' });
    expect(env.string('A', 'x')).toBe('x');
    expect(env.errors).toEqual([]);
  });
});
