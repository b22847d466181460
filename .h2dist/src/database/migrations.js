"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIGRATIONS = void 0;
const _1764400000000_create_users_and_token_blacklist_1 = require("../../migrations/1764400000000-create-users-and-token-blacklist");
const _1764500000000_create_sessions_and_security_events_1 = require("../../migrations/1764500000000-create-sessions-and-security-events");
/** Every migration, in order. The app, the CLI and the tests all run this list. */
exports.MIGRATIONS = [_1764400000000_create_users_and_token_blacklist_1.CreateUsersAndTokenBlacklist1764400000000, _1764500000000_create_sessions_and_security_events_1.CreateSessionsAndSecurityEvents1764500000000];
//# sourceMappingURL=migrations.js.map