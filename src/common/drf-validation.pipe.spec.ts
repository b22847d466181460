import { ArgumentMetadata } from '@nestjs/common';
import { ObtainTokenDto } from '../auth/dto/obtain-token.dto';
import { RevokeAllSessionsDto } from '../sessions/dto/revoke-all-sessions.dto';
import { RegisterUserDto } from '../users/dto/register-user.dto';
import { DomainError } from './domain-error';
import { DrfValidationPipe } from './drf-validation.pipe';
import { BooleanField } from './serializer-fields';

/** A required DRF BooleanField, as PATCH /api/admin/users/{id}/ once had. */
class FlagDto {
  @BooleanField()
  is_active: boolean;
}

const pipe = new DrfValidationPipe();
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });
const read = (value: unknown, metatype: ArgumentMetadata['metatype'] = ObtainTokenDto) =>
  pipe.transform(value, body(metatype));

async function errorOf(value: unknown, metatype: ArgumentMetadata['metatype'] = ObtainTokenDto) {
  const e: unknown = await read(value, metatype).then(
    () => undefined,
    (err: unknown) => err,
  );
  if (e instanceof DomainError) return e.body;
  throw new Error(`expected a DomainError, got ${String(e)}`);
}

describe('DrfValidationPipe with serializer-field DTOs', () => {
  it('trims usernames but never passwords, and returns the DTO instance', async () => {
    const dto = await read({ username: ' alice ', password: '  pw  ' });
    expect(dto).toBeInstanceOf(ObtainTokenDto);
    expect(dto).toEqual({ username: 'alice', password: '  pw  ' });
  });

  it('uses the string form of numbers', async () => {
    await expect(read({ username: 12, password: 12.5 })).resolves.toEqual({
      username: '12',
      password: '12.5',
    });
  });

  it('ignores unknown fields', async () => {
    await expect(read({ username: 'a', password: 'b', is_staff: true })).resolves.toEqual({
      username: 'a',
      password: 'b',
    });
  });

  it('reports every bad field at once, one DRF message each', async () => {
    await expect(errorOf({ username: null, password: true })).resolves.toEqual({
      username: ['This field may not be null.'],
      password: ['Not a valid string.'],
    });
    await expect(errorOf({})).resolves.toEqual({
      username: ['This field is required.'],
      password: ['This field is required.'],
    });
    await expect(errorOf({ username: '   ', password: 'a\0b' })).resolves.toEqual({
      username: ['This field may not be blank.'],
      password: ['Null characters are not allowed.'],
    });
    await expect(errorOf({ username: [], password: { a: 1 } })).resolves.toEqual({
      username: ['Not a valid string.'],
      password: ['Not a valid string.'],
    });
    await expect(errorOf({ username: ' \0 ', password: '' })).resolves.toEqual({
      username: ['Null characters are not allowed.'],
      password: ['This field may not be blank.'],
    });
  });

  it('treats an absent body as an empty object', async () => {
    await expect(errorOf(undefined)).resolves.toHaveProperty('username', ['This field is required.']);
  });

  it.each([
    [[], 'list'],
    ['abc', 'str'],
    [42, 'int'],
    [1.5, 'float'],
    [true, 'bool'],
  ])('refuses a non-object body %p', async (value, typeName) => {
    await expect(errorOf(value)).resolves.toEqual({
      non_field_errors: [`Invalid data. Expected a dictionary, but got ${typeName}.`],
    });
  });

  it('says "No data provided" for a null body', async () => {
    await expect(errorOf(null)).resolves.toEqual({ non_field_errors: ['No data provided'] });
  });

  it('ignores inherited properties', async () => {
    const value: unknown = JSON.parse('{"__proto__": {"username": "x"}}');
    await expect(errorOf(value)).resolves.toHaveProperty('username', ['This field is required.']);
  });

  it('applies the DTO limits in characters, and lets an optional blank email through', async () => {
    const ok = { username: 'alice', password: 'é'.repeat(1024), email: '' };
    await expect(read(ok, RegisterUserDto)).resolves.toEqual(ok);
    await expect(read({ username: 'alice', password: 'pw' }, RegisterUserDto)).resolves.toEqual({
      username: 'alice',
      password: 'pw',
    });
    await expect(
      errorOf({ username: 'x'.repeat(151), password: 'x'.repeat(1025), email: null }, RegisterUserDto),
    ).resolves.toEqual({
      username: ['Ensure this field has no more than 150 characters.'],
      password: ['Ensure this field has no more than 1024 characters.'],
      email: ['This field may not be null.'],
    });
  });

  it('reads booleans as DRF BooleanField, with a default when one is declared', async () => {
    for (const yes of [true, 1, 'true', 'True', '1', 'yes', 'on']) {
      await expect(read({ is_active: yes }, FlagDto)).resolves.toEqual({ is_active: true });
    }
    for (const no of [false, 0, 'false', 'FALSE', '0', 'no', 'off']) {
      await expect(read({ is_active: no }, FlagDto)).resolves.toEqual({ is_active: false });
    }
    await expect(read(undefined, RevokeAllSessionsDto)).resolves.toEqual({ keep_current: false });
    await expect(errorOf({}, FlagDto)).resolves.toEqual({ is_active: ['This field is required.'] });
    await expect(errorOf({ is_active: null }, FlagDto)).resolves.toEqual({
      is_active: ['This field may not be null.'],
    });
    for (const bad of ['maybe', 2, [], {}]) {
      await expect(errorOf({ is_active: bad }, FlagDto)).resolves.toEqual({
        is_active: ['Must be a valid boolean.'],
      });
    }
  });

  it('leaves what is not a DTO body untouched', async () => {
    const raw = { a: 1 };
    await expect(pipe.transform(raw, { type: 'body', metatype: Object })).resolves.toBe(raw);
    await expect(pipe.transform('7', { type: 'param', metatype: String, data: 'id' })).resolves.toBe('7');
    await expect(pipe.transform(null, { type: 'custom', metatype: ObtainTokenDto })).resolves.toBe(null);
  });
});
