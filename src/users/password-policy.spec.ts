import { passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  it('accepts a reasonable password', () => {
    expect(passwordProblems('correct horse', 'alice')).toEqual([]);
  });

  it('refuses short, numeric and username-equal passwords', () => {
    expect(passwordProblems('short', 'alice')).toEqual([
      'This password is too short. It must contain at least 8 characters.',
    ]);
    expect(passwordProblems('12345678901', 'alice')).toEqual(['This password is entirely numeric.']);
    expect(passwordProblems('AliceAlice', 'alicealice')).toEqual([
      'The password is too similar to the username.',
    ]);
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblems('ééééééé', 'alice')).toHaveLength(1);
    expect(passwordProblems('éééééééé', 'alice')).toEqual([]);
  });
});
