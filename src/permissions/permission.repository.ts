import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PermissionEntity } from './entities/permission.entity';
import { UserPermissionEntity } from './entities/user-permission.entity';
import { Permission, Ref } from './permission';

const SELECT = `SELECT id, name, app_label AS "appLabel", codename FROM auth_permission`;

/** The only code on auth_permission and auth_user_user_permissions; one method per query. */
@Injectable()
export class PermissionRepository {
  constructor(
    @InjectRepository(PermissionEntity) private readonly permissions: Repository<PermissionEntity>,
    @InjectRepository(UserPermissionEntity) private readonly userPerms: Repository<UserPermissionEntity>,
  ) {}

  /** A user's permissions, their own and their groups', as `app_label.codename`. */
  async effectiveOf(userId: number): Promise<string[]> {
    const rows: { perm: string }[] = await this.permissions.query(
      `SELECT p.app_label || '.' || p.codename AS perm FROM auth_permission p
        WHERE p.id IN (SELECT permission_id FROM auth_user_user_permissions WHERE user_id = $1
                       UNION SELECT gp.permission_id FROM auth_group_permissions gp
                         JOIN auth_user_groups ug ON ug.group_id = gp.group_id WHERE ug.user_id = $1)`,
      [userId],
    );
    return rows.map((r) => r.perm);
  }

  async page(limit: number, offset: number): Promise<{ count: number; permissions: Permission[] }> {
    const [{ n }] = await this.permissions.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM auth_permission`,
    );
    const permissions: Permission[] = await this.permissions.query(
      `${SELECT} ORDER BY app_label, codename LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return { count: n, permissions };
  }

  /** The permissions named by id or `app_label.codename`; refs naming nothing are left out. */
  findByRefs(refs: readonly Ref[]): Promise<Permission[]> {
    const ids = refs.filter((r) => typeof r === 'number');
    const keys = refs.filter((r) => typeof r === 'string');
    return this.permissions.query(
      `${SELECT} WHERE id = ANY($1::int[]) OR app_label || '.' || codename = ANY($2::text[])`,
      [ids, keys],
    );
  }

  /** Adds the permissions not in the table yet (by app_label and codename); the number added. */
  async insertMissing(permissions: readonly Omit<Permission, 'id'>[]): Promise<number> {
    const rows: unknown[] = await this.permissions.query(
      `INSERT INTO auth_permission (app_label, codename, name)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING RETURNING id`,
      [
        permissions.map((p) => p.appLabel),
        permissions.map((p) => p.codename),
        permissions.map((p) => p.name),
      ],
    );
    return rows.length;
  }

  /** The user's own permissions (not their groups'), as `app_label.codename`, sorted. */
  async directOf(userId: number): Promise<string[]> {
    const rows: { perm: string }[] = await this.permissions.query(
      `SELECT p.app_label || '.' || p.codename AS perm FROM auth_permission p
         JOIN auth_user_user_permissions up ON up.permission_id = p.id WHERE up.user_id = $1 ORDER BY 1`,
      [userId],
    );
    return rows.map((r) => r.perm);
  }

  /** Adds the permissions the user lacks; the number added. */
  async grant(userId: number, permissionIds: readonly number[]): Promise<number> {
    const rows: unknown[] = await this.userPerms.query(
      `INSERT INTO auth_user_user_permissions (user_id, permission_id)
       SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING RETURNING id`,
      [userId, permissionIds],
    );
    return rows.length;
  }

  /** Removes the permissions from the user; the number removed. */
  async revoke(userId: number, permissionIds: readonly number[]): Promise<number> {
    // TypeORM answers a DELETE with [rows, affected row count], not with the rows.
    const [, removed] = await this.userPerms.query<[unknown[], number]>(
      `DELETE FROM auth_user_user_permissions WHERE user_id = $1 AND permission_id = ANY($2::int[])`,
      [userId, permissionIds],
    );
    return removed;
  }

  /** The user's own permissions become exactly `permissionIds`, in one transaction. */
  async replace(userId: number, permissionIds: readonly number[]): Promise<void> {
    await this.userPerms.manager.transaction(async (m) => {
      await m.query(
        `DELETE FROM auth_user_user_permissions WHERE user_id = $1 AND NOT (permission_id = ANY($2::int[]))`,
        [userId, permissionIds],
      );
      await m.query(
        `INSERT INTO auth_user_user_permissions (user_id, permission_id)
         SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`,
        [userId, permissionIds],
      );
    });
  }
}
