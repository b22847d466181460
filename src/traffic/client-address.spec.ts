import { normalizeAddress } from './client-address';

describe('normalizeAddress', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    ['1.2.3.4:5678', '1.2.3.4'],
    [' 1.2.3.4 ', '1.2.3.4'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::FFFF:1.2.3.4', '1.2.3.4'],
    ['[::ffff:1.2.3.4]:80', '1.2.3.4'],
    ['[::1]:443', '::1'],
    ['[2001:DB8::1]', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
  ])('%s is %s', (raw, address) => {
    expect(normalizeAddress(raw)).toBe(address);
  });

  it.each(['', 'unknown', 'evil.example', '1.2.3.4.5', '1.2.3', '[1.2.3.4', '::ffff:1.2.3.4:80', '[nope]:1'])(
    '%j is no address',
    (raw) => {
      expect(normalizeAddress(raw)).toBeUndefined();
    },
  );
});
