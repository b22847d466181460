"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AdminModule = void 0;
const common_1 = require("@nestjs/common");
const security_events_module_1 = require("../security-events/security-events.module");
const sessions_module_1 = require("../sessions/sessions.module");
const users_module_1 = require("../users/users.module");
const admin_events_controller_1 = require("./admin-events.controller");
const admin_users_controller_1 = require("./admin-users.controller");
const admin_users_repository_1 = require("./admin-users.repository");
const admin_users_service_1 = require("./admin-users.service");
const staff_only_guard_1 = require("./staff-only.guard");
/** The staff API: users and security events. */
let AdminModule = class AdminModule {
};
exports.AdminModule = AdminModule;
exports.AdminModule = AdminModule = __decorate([
    (0, common_1.Module)({
        imports: [users_module_1.UsersModule, sessions_module_1.SessionsModule, security_events_module_1.SecurityEventsModule],
        controllers: [admin_users_controller_1.AdminUsersController, admin_events_controller_1.AdminEventsController],
        providers: [admin_users_repository_1.AdminUsersRepository, admin_users_service_1.AdminUsersService, staff_only_guard_1.StaffOnlyGuard],
    })
], AdminModule);
//# sourceMappingURL=admin.module.js.map