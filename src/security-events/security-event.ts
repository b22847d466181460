/** Security events as the services see them (camelCase; the table stays in the repository). */

export type SecurityEventType =
  | 'login_succeeded'
  | 'login_failed'
  | 'refresh'
  | 'reuse_detected'
  | 'logout'
  | 'session_revoked'
  | 'sessions_revoked'
  | 'password_changed'
  | 'password_change_failed'
  | 'user_deactivated'
  | 'user_activated'
  | 'user_roles_changed'
  | 'user_permissions_changed'
  | 'group_changed'
  | 'api_key_created'
  | 'api_key_create_failed'
  | 'api_key_revoked'
  | 'user_deleted'
  | 'mfa_enrolled'
  | 'mfa_removed'
  | 'mfa_reset'
  | 'mfa_failed'
  | 'recovery_codes_issued'
  | 'recovery_code_used';

export interface NewSecurityEvent {
  type: SecurityEventType;
  userId?: number | null;
  username?: string | null;
  sessionId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  detail?: string | null;
  /** Who made the change: a user, and the prefix of the API key they used (see ClientContext). */
  actorId?: number | null;
  actorKey?: string | null;
}

/** A recorded event; `id` is a bigint, as a string. */
export interface SecurityEvent {
  id: string;
  type: string;
  userId: number | null;
  username: string | null;
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: string | null;
  actorId: number | null;
  actorKey: string | null;
  createdAt: Date;
}

export interface EventFilter {
  userId?: number;
  type?: string;
}
