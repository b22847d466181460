import { DjangoAccessDump, DumpEntry } from './django-access-dump';

const entry = (line: number, model: string, pk: unknown, fields: unknown): DumpEntry => ({
  line,
  model,
  pk,
  fields,
});

describe('DjangoAccessDump', () => {
  it('resolves plain pks through the content types and permissions of the file, in any order', () => {
    const plan = DjangoAccessDump.plan(
      [
        entry(1, 'auth.group', 5, { name: 'editors', permissions: [10, 11] }),
        entry(2, 'auth.permission', 10, { name: 'Can add post', content_type: 7, codename: 'add_post' }),
        entry(3, 'auth.permission', 11, { name: 'Can view user', content_type: 4, codename: 'view_user' }),
        entry(4, 'contenttypes.contenttype', 7, { app_label: 'blog', model: 'post' }),
        entry(5, 'contenttypes.contenttype', 4, { app_label: 'auth', model: 'user' }),
      ],
      [{ line: 9, userId: 41, groups: [5], userPermissions: [10, 10] }],
    );
    expect(plan).toEqual({
      permissions: [
        { appLabel: 'blog', codename: 'add_post', name: 'Can add post' },
        { appLabel: 'auth', codename: 'view_user', name: 'Can view user' },
      ],
      groups: [{ line: 1, name: 'editors', permissions: ['blog.add_post', 'auth.view_user'] }],
      users: [{ line: 9, userId: 41, groups: ['editors'], permissions: ['blog.add_post'] }],
      problems: [],
    });
  });

  it('reads natural keys (--natural-foreign --natural-primary), which may name what is not in the file', () => {
    const plan = DjangoAccessDump.plan(
      [
        entry(1, 'auth.permission', undefined, {
          name: 'Can add post',
          content_type: ['blog', 'post'],
          codename: 'add_post',
        }),
        entry(2, 'auth.group', undefined, {
          name: 'editors',
          permissions: [
            ['add_post', 'blog', 'post'],
            ['view_user', 'auth', 'user'],
          ],
        }),
      ],
      [
        { line: 3, userId: 42, groups: [['editors'], ['support']], userPermissions: [] },
        { line: 4, userId: 43, groups: undefined, userPermissions: undefined },
      ],
    );
    expect(plan.permissions).toEqual([{ appLabel: 'blog', codename: 'add_post', name: 'Can add post' }]);
    expect(plan.groups).toEqual([
      { line: 2, name: 'editors', permissions: ['blog.add_post', 'auth.view_user'] },
    ]);
    expect(plan.users).toEqual([{ line: 3, userId: 42, groups: ['editors', 'support'], permissions: [] }]);
    expect(plan.problems).toEqual([]);
  });

  it('reports what cannot be resolved or read, by line and pk, and skips it whole', () => {
    const plan = DjangoAccessDump.plan(
      [
        entry(1, 'auth.permission', 10, { name: 'Can add post', content_type: 7, codename: 'add_post' }),
        entry(2, 'auth.group', 5, { name: 'editors', permissions: [10] }),
        entry(3, 'auth.group', 6, { name: ' ', permissions: [] }),
        entry(4, 'admin.logentry', 1, {}),
        entry(5, 'auth.permission', 12, { name: 'x', content_type: 'blog', codename: 'x' }),
      ],
      [
        { line: 6, userId: 41, groups: [99], userPermissions: [] },
        { line: 7, userId: 42, groups: [['a\0b']], userPermissions: [] },
        { line: 8, userId: 43, groups: [], userPermissions: [['view_user', 'x'.repeat(101), 'user']] },
      ],
    );
    expect(plan.permissions).toEqual([]);
    expect(plan.groups).toEqual([]);
    expect(plan.users).toEqual([]);
    expect(plan.problems).toEqual([
      {
        line: 1,
        message:
          'auth.permission 10: content_type: pk 7 names no readable contenttypes.contenttype entry of this file',
      },
      {
        line: 2,
        message: 'auth.group 5: permissions: pk 10 names no readable auth.permission entry of this file',
      },
      { line: 3, message: 'auth.group 6: name: may not be blank' },
      {
        line: 4,
        message:
          'model admin.logentry is not imported (users, auth.group, auth.permission and contenttypes.contenttype are)',
      },
      {
        line: 5,
        message:
          'auth.permission 12: content_type: expected ["app_label", "model"] or a content type pk, got "blog"',
      },
      {
        line: 6,
        message:
          "user 41's groups and permissions (not changed): groups: pk 99 names no readable auth.group entry of this file",
      },
      {
        line: 7,
        message: "user 42's groups and permissions (not changed): groups: name: contains a NUL character",
      },
      {
        line: 8,
        message:
          "user 43's groups and permissions (not changed): user_permissions: app_label: longer than 100 characters",
      },
    ]);
  });
});
