import { CliArgs, UsageError } from './cli-args';

describe('CliArgs', () => {
  it('separates positional arguments, flags and valued options', () => {
    const a = new CliArgs(['alice', '--staff', '--email', 'a@b.c', '--password=x=y'], ['email', 'password']);
    expect(a.positional).toEqual(['alice']);
    expect(a.flag('staff')).toBe(true);
    expect(a.value('email')).toBe('a@b.c');
    expect(a.value('password')).toBe('x=y');
  });

  it('refuses a valued option without a value and unknown options', () => {
    expect(() => new CliArgs(['--email'], ['email'])).toThrow(UsageError);
    expect(() => new CliArgs(['--nope'], []).only('staff')).toThrow('unknown option --nope');
  });
});
