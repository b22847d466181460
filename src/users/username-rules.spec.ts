import { mixesScripts, normalizeUsername, scriptsOf } from './username-rules';

describe('username rules', () => {
  it('normalises to NFKC as Django does: fullwidth letters and ligatures become plain', () => {
    expect(normalizeUsername('ｂｏｂ')).toBe('bob');
    expect(normalizeUsername('ﬁona')).toBe('fiona');
    expect(normalizeUsername('Ünï')).toBe('Ünï');
  });

  it.each([
    ['alice_1.2@x', false],
    ['алиса', false],
    ['ελένη', false],
    ['山田たろう', false],
    ['ヤマダtaro', false],
    ['김철수kim', false],
    ['ሰላም', false], // Ethiopic: one script outside the named ones
    ['\u0430lice', true], // Cyrillic а + Latin
    ['\u03b1lpha', true], // Greek α + Latin
    ['алисаሰ', true],
  ])('%s mixes scripts: %s', (name, mixed) => {
    expect(mixesScripts(name)).toBe(mixed);
  });

  it('leaves digits and punctuation out of the scripts', () => {
    expect([...scriptsOf('bob_42.+-@')]).toEqual(['Latin']);
    expect([...scriptsOf('42')]).toEqual([]);
  });
});
