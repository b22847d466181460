import { ApiProperty } from '@nestjs/swagger';
import { SecurityEvent } from '../../security-events/security-event';
import { ListedUser } from '../../users/listed-user';
import { Group, Permission, permissionKey } from '../../permissions/permission';

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

  @ApiProperty({ description: 'Whether the user has a second factor (TOTP or passkey)' })
  has_mfa: boolean;

  static of(u: ListedUser, hasMfa: boolean): AdminUserResponse {
    return {
      id: u.id,
      username: u.username,
      email: u.email,
      is_active: u.isActive,
      is_staff: u.isStaff,
      is_superuser: u.isSuperuser,
      last_login: u.lastLogin?.toISOString() ?? null,
      date_joined: u.dateJoined.toISOString(),
      has_mfa: hasMfa,
    };
  }
}

export class AdminUserDetailResponse extends AdminUserResponse {
  @ApiProperty({ type: [Number], example: [3], description: 'Group ids' })
  groups: number[];

  @ApiProperty({
    type: [String],
    example: ['auth.view_user'],
    description: 'Own permissions (not the groups’)',
  })
  user_permissions: string[];

  static of(
    u: ListedUser & { groups: number[]; userPermissions: string[]; hasMfa: boolean },
  ): AdminUserDetailResponse {
    return { ...AdminUserResponse.of(u, u.hasMfa), groups: u.groups, user_permissions: u.userPermissions };
  }
}

export class GroupResponse {
  @ApiProperty({ example: 3 })
  id: number;

  @ApiProperty({ example: 'support' })
  name: string;

  @ApiProperty({ type: [String], example: ['auth.view_user'], description: '`app_label.codename`, sorted' })
  permissions: string[];

  static of(g: Group): GroupResponse {
    return { id: g.id, name: g.name, permissions: g.permissions };
  }
}

export class PermissionResponse {
  @ApiProperty({ example: 4 })
  id: number;

  @ApiProperty({ example: 'Can view user' })
  name: string;

  @ApiProperty({ example: 'auth' })
  app_label: string;

  @ApiProperty({ example: 'view_user' })
  codename: string;

  @ApiProperty({ example: 'auth.view_user', description: 'What @Permissions() and the API accept' })
  permission: string;

  static of(p: Permission): PermissionResponse {
    return {
      id: p.id,
      name: p.name,
      app_label: p.appLabel,
      codename: p.codename,
      permission: permissionKey(p),
    };
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

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The user who made the change (null: the CLI, or no one signed in)',
  })
  actor_id: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The prefix of the API key the actor used (null: an access token, or no actor)',
  })
  actor_key: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_at: string;

  static of(e: SecurityEvent): SecurityEventResponse {
    return {
      id: Number(e.id),
      type: e.type,
      user_id: e.userId,
      username: e.username,
      session_id: e.sessionId,
      ip: e.ip,
      user_agent: e.userAgent,
      detail: e.detail,
      actor_id: e.actorId,
      actor_key: e.actorKey,
      created_at: e.createdAt.toISOString(),
    };
  }
}

export class GroupPage extends PageFields {
  @ApiProperty({ type: [GroupResponse] })
  results: GroupResponse[];
}

export class PermissionPage extends PageFields {
  @ApiProperty({ type: [PermissionResponse] })
  results: PermissionResponse[];
}

export class SecurityEventPage extends PageFields {
  @ApiProperty({ type: [SecurityEventResponse] })
  results: SecurityEventResponse[];
}
