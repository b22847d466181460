import { DjangoUserFile, UnreadableFileError } from './django-user-file';

const fields = (username: string) => ({
  password: 'pbkdf2_sha256$1000$salt$AAAA',
  username,
  email: '',
  is_active: true,
  is_staff: false,
  is_superuser: false,
  last_login: null,
  date_joined: '2024-01-01T00:00:00Z',
});

describe('DjangoUserFile', () => {
  it('reads a one-line dumpdata (the default, no --indent), handing back other models and the links', () => {
    const text = JSON.stringify([
      { model: 'auth.user', pk: 1, fields: { ...fields('a'), groups: [2], user_permissions: [] } },
      { model: 'auth.group', pk: 2, fields: { name: 'g' } },
      { model: 'accounts.user', pk: 3, fields: fields('c') },
    ]);
    const parsed = DjangoUserFile.parse(`\uFEFF${text}\n`, 'json');
    expect(parsed.records.map((r) => [r.line, r.user.id, r.user.username])).toEqual([
      [1, 1, 'a'],
      [1, 3, 'c'],
    ]);
    expect(parsed.records.map((r) => r.links)).toEqual([
      { groups: [2], userPermissions: [] },
      { groups: undefined, userPermissions: undefined },
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.others).toEqual([{ line: 1, model: 'auth.group', pk: 2, fields: { name: 'g' } }]);
  });

  it('keeps strings with brackets, commas and escaped quotes inside one record', () => {
    const text = `[\n${JSON.stringify({ pk: 7, fields: fields('x"],{y') })},\n  {"pk": 8, "fields": {"username": "b", "password": "", "date_joined": tru}}\n]`;
    const parsed = DjangoUserFile.parse(text, 'json');
    expect(parsed.records.map((r) => r.user.username)).toEqual(['x"],{y']);
    expect(parsed.problems).toEqual([{ line: 3, message: 'not valid JSON' }]);
  });

  it.each([
    ['{"pk": 1}', 'line 1: expected a JSON array (manage.py dumpdata auth.user)'],
    ['[\n{"pk": 1}', 'line 2: the array is not closed'],
    ['[]\n[]', 'line 2: text after the array'],
  ])('refuses an unreadable file %j', (text, message) => {
    expect(() => DjangoUserFile.parse(text, 'json')).toThrow(new UnreadableFileError(message));
  });

  it('refuses bad fields one record at a time', () => {
    const bad = [
      { pk: 0, fields: fields('zero') },
      { pk: 1, fields: { ...fields('x'), username: '   ' } },
      { pk: 2, fields: { ...fields('y'), is_staff: 'yes please' } },
      { pk: 3, fields: { ...fields('z'), date_joined: 'yesterday' } },
      { pk: 4, fields: { ...fields('w'), password: 'p'.repeat(129) } },
      { pk: 5, fields: { ...fields('v'), username: 'u'.repeat(151) } },
    ];
    const parsed = DjangoUserFile.parse(JSON.stringify(bad, null, 1), 'json');
    expect(parsed.records).toEqual([]);
    expect(parsed.problems.map((p) => p.message)).toEqual([
      'pk: expected a positive integer id, got 0',
      'username: may not be blank',
      'is_staff: expected true or false, got "yes please"',
      'date_joined: expected an ISO 8601 date and time, got "yesterday"',
      'password: longer than 128 characters',
      'username: longer than 150 characters',
    ]);
  });

  it('refuses a CSV without the required columns or with an unclosed quote', () => {
    expect(() => DjangoUserFile.parse('pk,username,password\n', 'csv')).toThrow(
      'the header has no date_joined column',
    );
    expect(() =>
      DjangoUserFile.parse('pk,username,password,date_joined\n1,"a,x,2024-01-01T00:00:00Z\n', 'csv'),
    ).toThrow('line 2: a quoted field is not closed');
  });
});
