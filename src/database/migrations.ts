import { CreateUsersAndTokenBlacklist1764400000000 } from '../../migrations/1764400000000-create-users-and-token-blacklist';
import { CreateSessionsAndSecurityEvents1764500000000 } from '../../migrations/1764500000000-create-sessions-and-security-events';
import { UsernameLowerIndex1765000000000 } from '../../migrations/1765000000000-username-lower-index';
import { CreatePermissionsAndGroups1766000000000 } from '../../migrations/1766000000000-create-permissions-and-groups';
import { CreateApiKeys1767000000000 } from '../../migrations/1767000000000-create-api-keys';
import { SecurityEventActor1768000000000 } from '../../migrations/1768000000000-security-event-actor';
import { IntrospectTokenPermission1768200000000 } from '../../migrations/1768200000000-introspect-token-permission';
import { CreateMfa1768300000000 } from '../../migrations/1768300000000-create-mfa';

/** Every migration, in order. The app, the CLI and the tests all run this list. */
export const MIGRATIONS = [
  CreateUsersAndTokenBlacklist1764400000000,
  CreateSessionsAndSecurityEvents1764500000000,
  UsernameLowerIndex1765000000000,
  CreatePermissionsAndGroups1766000000000,
  CreateApiKeys1767000000000,
  SecurityEventActor1768000000000,
  IntrospectTokenPermission1768200000000,
  CreateMfa1768300000000,
];
