import { DomainError } from './domain-error';
import { readBooleanField } from './boolean-field';

describe('readBooleanField', () => {
  it('reads JSON booleans and their form spellings', () => {
    expect(readBooleanField({ a: true }, 'a')).toBe(true);
    expect(readBooleanField({ a: 'false' }, 'a')).toBe(false);
    expect(readBooleanField({ a: '1' }, 'a')).toBe(true);
    expect(readBooleanField({}, 'a', false)).toBe(false);
    expect(readBooleanField(undefined, 'a', true)).toBe(true);
  });

  it('answers DRF field errors for bad values and a missing required field', () => {
    const bodyOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as DomainError).body;
      }
      throw new Error('no error');
    };
    expect(bodyOf(() => readBooleanField({ a: 'maybe' }, 'a'))).toEqual({ a: ['Must be a valid boolean.'] });
    expect(bodyOf(() => readBooleanField({ a: null }, 'a'))).toEqual({ a: ['This field may not be null.'] });
    expect(bodyOf(() => readBooleanField({ a: [] }, 'a'))).toEqual({ a: ['Must be a valid boolean.'] });
    expect(bodyOf(() => readBooleanField({}, 'a'))).toEqual({ a: ['This field is required.'] });
    expect(bodyOf(() => readBooleanField([1], 'a'))).toEqual({
      non_field_errors: ['Invalid data. Expected a dictionary.'],
    });
  });
});
