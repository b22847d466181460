import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AdminUserRow {
  id: number;
  username: string;
  email: string;
  is_active: boolean;
  is_staff: boolean;
  is_superuser: boolean;
  last_login: Date | null;
  date_joined: Date;
}

/** Read-only listing of users for staff (search and page); changes go through the users and sessions services. */
@Injectable()
export class AdminUsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Username or email contains `search` (case-insensitive, `%` and `_` taken literally); by id. */
  async page(
    search: string,
    limit: number,
    offset: number,
  ): Promise<{ count: number; rows: AdminUserRow[] }> {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const where = `($1 = '' OR username ILIKE $2 OR email ILIKE $2)`;
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM users WHERE ${where}`,
      [search, pattern],
    );
    const rows = await this.dataSource.query<AdminUserRow[]>(
      `SELECT id, username, email, is_active, is_staff, is_superuser, last_login, date_joined
       FROM users WHERE ${where} ORDER BY id LIMIT $3 OFFSET $4`,
      [search, pattern, limit, offset],
    );
    return { count: n, rows };
  }
}
