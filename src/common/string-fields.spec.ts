import { DomainError } from './domain-error';
import { readStringFields } from './string-fields';

const LOGIN = { username: { trim: true }, password: { trim: false } };

function errorOf(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.body;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('readStringFields', () => {
  it('trims usernames but never passwords', () => {
    expect(readStringFields({ username: ' alice ', password: '  pw  ' }, LOGIN)).toEqual({
      username: 'alice',
      password: '  pw  ',
    });
  });

  it('uses the string form of numbers', () => {
    expect(readStringFields({ username: 12, password: 12.5 }, LOGIN)).toEqual({
      username: '12',
      password: '12.5',
    });
  });

  it('reports every bad field at once with DRF messages', () => {
    expect(errorOf(() => readStringFields({ username: null, password: true }, LOGIN))).toEqual({
      username: ['This field may not be null.'],
      password: ['Not a valid string.'],
    });
    expect(errorOf(() => readStringFields({}, LOGIN))).toEqual({
      username: ['This field is required.'],
      password: ['This field is required.'],
    });
    expect(errorOf(() => readStringFields({ username: '   ', password: 'a\0b' }, LOGIN))).toEqual({
      username: ['This field may not be blank.'],
      password: ['Null characters are not allowed.'],
    });
  });

  it('treats an absent body as an empty object', () => {
    expect(errorOf(() => readStringFields(undefined, LOGIN))).toHaveProperty('username');
  });

  it.each([
    [[], 'list'],
    ['abc', 'str'],
    [42, 'int'],
    [1.5, 'float'],
    [true, 'bool'],
  ])('refuses a non-object body %p', (body, typeName) => {
    expect(errorOf(() => readStringFields(body, LOGIN))).toEqual({
      non_field_errors: [`Invalid data. Expected a dictionary, but got ${typeName}.`],
    });
  });

  it('says "No data provided" for a null body', () => {
    expect(errorOf(() => readStringFields(null, LOGIN))).toEqual({ non_field_errors: ['No data provided'] });
  });

  it('ignores inherited properties', () => {
    const body = JSON.parse('{"__proto__": {"username": "x"}}');
    expect(errorOf(() => readStringFields(body, LOGIN))).toHaveProperty('username', [
      'This field is required.',
    ]);
  });
});
