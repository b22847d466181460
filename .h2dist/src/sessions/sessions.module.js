"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SessionsModule = void 0;
const common_1 = require("@nestjs/common");
const security_events_module_1 = require("../security-events/security-events.module");
const users_module_1 = require("../users/users.module");
const access_gate_1 = require("./access-gate");
const my_sessions_service_1 = require("./my-sessions.service");
const password_controller_1 = require("./password.controller");
const revocation_bus_1 = require("./revocation-bus");
const revocation_service_1 = require("./revocation.service");
const session_flush_service_1 = require("./session-flush.service");
const session_state_cache_1 = require("./session-state.cache");
const session_repository_1 = require("./session.repository");
const session_service_1 = require("./session.service");
const sessions_controller_1 = require("./sessions.controller");
const user_lifecycle_service_1 = require("./user-lifecycle.service");
const user_state_cache_1 = require("./user-state.cache");
/**
 * Sessions (token families) and instant revocation: the tables, the in-memory caches the guard reads,
 * the cross-instance broadcast, and the user changes that end sessions. Larger than the usual budget
 * because the caches, the bus and the services share one table family and one invalidation flow.
 */
let SessionsModule = class SessionsModule {
};
exports.SessionsModule = SessionsModule;
exports.SessionsModule = SessionsModule = __decorate([
    (0, common_1.Module)({
        imports: [users_module_1.UsersModule, security_events_module_1.SecurityEventsModule],
        controllers: [sessions_controller_1.SessionsController, password_controller_1.PasswordController],
        providers: [
            session_repository_1.SessionRepository,
            revocation_bus_1.RevocationBus,
            session_state_cache_1.SessionStateCache,
            user_state_cache_1.UserStateCache,
            revocation_service_1.RevocationService,
            session_service_1.SessionService,
            access_gate_1.AccessGate,
            my_sessions_service_1.MySessionsService,
            user_lifecycle_service_1.UserLifecycleService,
            session_flush_service_1.SessionFlushService,
        ],
        exports: [session_service_1.SessionService, access_gate_1.AccessGate, revocation_service_1.RevocationService, user_lifecycle_service_1.UserLifecycleService, session_flush_service_1.SessionFlushService, revocation_bus_1.RevocationBus],
    })
], SessionsModule);
//# sourceMappingURL=sessions.module.js.map