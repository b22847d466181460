import { ApiProperty } from '@nestjs/swagger';
import { SecurityEventRow } from '../../security-events/security-event.repository';
import { UserEntity } from '../../users/entities/user.entity';
import { AdminUserRow } from '../admin-users.repository';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export class AdminUserResponse {
  @ApiProperty({ example: 7 })
  id: number;

  @ApiProperty({ example: 'alice' })
  username: string;

  @ApiProperty({ example: 'alice@example.com' })
  email: string;

  @ApiProperty()
  is_active: boolean;

  @ApiProperty()
  is_staff: boolean;

  @ApiProperty()
  is_superuser: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_login: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  date_joined: string;

  static ofRow(r: AdminUserRow): AdminUserResponse {
    return {
      id: r.id,
      username: r.username,
      email: r.email,
      is_active: r.is_active,
      is_staff: r.is_staff,
      is_superuser: r.is_superuser,
      last_login: iso(r.last_login),
      date_joined: iso(r.date_joined)!,
    };
  }

  static ofUser(u: UserEntity): AdminUserResponse {
    return AdminUserResponse.ofRow({
      id: u.id,
      username: u.username,
      email: u.email,
      is_active: u.isActive,
      is_staff: u.isStaff,
      is_superuser: u.isSuperuser,
      last_login: u.lastLogin,
      date_joined: u.dateJoined,
    });
  }
}

class PageFields {
  @ApiProperty({ example: 42 })
  count: number;

  @ApiProperty({ type: String, nullable: true, example: 'http://127.0.0.1:3000/api/admin/users/?page=2' })
  next: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  previous: string | null;
}

export class AdminUserPage extends PageFields {
  @ApiProperty({ type: [AdminUserResponse] })
  results: AdminUserResponse[];
}

export class SecurityEventResponse {
  @ApiProperty({ example: 1234 })
  id: number;

  @ApiProperty({ example: 'reuse_detected' })
  type: string;

  @ApiProperty({ type: Number, nullable: true })
  user_id: number | null;

  @ApiProperty({ type: String, nullable: true })
  username: string | null;

  @ApiProperty({ type: String, nullable: true })
  session_id: string | null;

  @ApiProperty({ type: String, nullable: true })
  ip: string | null;

  @ApiProperty({ type: String, nullable: true })
  user_agent: string | null;

  @ApiProperty({ type: String, nullable: true })
  detail: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_at: string;

  static of(r: SecurityEventRow): SecurityEventResponse {
    return { ...r, id: Number(r.id), created_at: iso(r.created_at)! };
  }
}

export class SecurityEventPage extends PageFields {
  @ApiProperty({ type: [SecurityEventResponse] })
  results: SecurityEventResponse[];
}
