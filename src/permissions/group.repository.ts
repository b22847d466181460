import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isUniqueViolation } from '../common/database-errors';
import { GroupEntity } from './entities/group.entity';
import { Group, Ref } from './permission';

/** Thrown by `insert` and `update` when another group has the name. */
export class GroupNameTakenError extends Error {}

const SELECT = `SELECT g.id, g.name,
    COALESCE(array_agg(p.app_label || '.' || p.codename ORDER BY p.app_label, p.codename)
             FILTER (WHERE p.id IS NOT NULL), '{}') AS permissions
  FROM auth_group g
  LEFT JOIN auth_group_permissions gp ON gp.group_id = g.id
  LEFT JOIN auth_permission p ON p.id = gp.permission_id`;

/** The only code on auth_group, auth_group_permissions and auth_user_groups; one method per query. */
@Injectable()
export class GroupRepository {
  constructor(@InjectRepository(GroupEntity) private readonly groups: Repository<GroupEntity>) {}

  async page(limit: number, offset: number): Promise<{ count: number; groups: Group[] }> {
    const [{ n }] = await this.groups.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM auth_group`);
    const groups: Group[] = await this.groups.query(
      `${SELECT} GROUP BY g.id ORDER BY g.id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return { count: n, groups };
  }

  /** The groups named by id or name; refs naming nothing are left out. */
  findByRefs(refs: readonly Ref[]): Promise<Group[]> {
    const ids = refs.filter((r) => typeof r === 'number');
    const names = refs.filter((r) => typeof r === 'string');
    return this.groups.query(
      `${SELECT} WHERE g.id = ANY($1::int[]) OR g.name = ANY($2::text[]) GROUP BY g.id`,
      [ids, names],
    );
  }

  /** A new group with its permissions, in one transaction; GroupNameTakenError when the name is used. */
  async insert(name: string, permissionIds: readonly number[]): Promise<number> {
    return this.named(name, () =>
      this.groups.manager.transaction(async (m) => {
        const [{ id }] = await m.query<{ id: number }[]>(
          `INSERT INTO auth_group (name) VALUES ($1) RETURNING id`,
          [name],
        );
        await this.setPermissions(m.query.bind(m), id, permissionIds);
        return id;
      }),
    );
  }

  /** Renames and/or replaces the permissions, in one transaction; false when there is no such group. */
  async update(
    id: number,
    name: string | undefined,
    permissionIds: readonly number[] | undefined,
  ): Promise<boolean> {
    return this.named(name ?? '', () =>
      this.groups.manager.transaction(async (m) => {
        // TypeORM answers an UPDATE with [rows, affected row count], not with the rows.
        const [, updated] = await m.query<[unknown[], number]>(
          `UPDATE auth_group SET name = COALESCE($2, name) WHERE id = $1`,
          [id, name ?? null],
        );
        if (updated === 0) return false;
        if (permissionIds) await this.setPermissions(m.query.bind(m), id, permissionIds);
        return true;
      }),
    );
  }

  async deleteById(id: number): Promise<boolean> {
    const result = await this.groups.delete({ id });
    return (result.affected ?? 0) > 0;
  }

  /** The ids of the user's groups, sorted. */
  async idsOfUser(userId: number): Promise<number[]> {
    const rows: { id: number }[] = await this.groups.query(
      `SELECT group_id AS id FROM auth_user_groups WHERE user_id = $1 ORDER BY 1`,
      [userId],
    );
    return rows.map((r) => r.id);
  }

  /** The names of the user's groups, sorted. */
  async namesOfUser(userId: number): Promise<string[]> {
    const rows: { name: string }[] = await this.groups.query(
      `SELECT g.name FROM auth_user_groups ug JOIN auth_group g ON g.id = ug.group_id
       WHERE ug.user_id = $1 ORDER BY 1`,
      [userId],
    );
    return rows.map((r) => r.name);
  }

  /** Adds the user to the groups (idempotent); the number of memberships added. */
  async addUser(userId: number, groupIds: readonly number[]): Promise<number> {
    const rows: unknown[] = await this.groups.query(
      `INSERT INTO auth_user_groups (user_id, group_id) SELECT $1, unnest($2::int[])
       ON CONFLICT DO NOTHING RETURNING id`,
      [userId, groupIds],
    );
    return rows.length;
  }

  /** The user's groups become exactly `groupIds`, in one transaction. */
  async replaceOfUser(userId: number, groupIds: readonly number[]): Promise<void> {
    await this.groups.manager.transaction(async (m) => {
      await m.query(`DELETE FROM auth_user_groups WHERE user_id = $1 AND NOT (group_id = ANY($2::int[]))`, [
        userId,
        groupIds,
      ]);
      await m.query(
        `INSERT INTO auth_user_groups (user_id, group_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`,
        [userId, groupIds],
      );
    });
  }

  private async setPermissions(
    query: (sql: string, params: unknown[]) => Promise<unknown>,
    groupId: number,
    permissionIds: readonly number[],
  ): Promise<void> {
    await query(
      `DELETE FROM auth_group_permissions WHERE group_id = $1 AND NOT (permission_id = ANY($2::int[]))`,
      [groupId, permissionIds],
    );
    await query(
      `INSERT INTO auth_group_permissions (group_id, permission_id) SELECT $1, unnest($2::int[])
       ON CONFLICT DO NOTHING`,
      [groupId, permissionIds],
    );
  }

  private async named<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (e) {
      if (isUniqueViolation(e)) throw new GroupNameTakenError(name);
      throw e;
    }
  }
}
