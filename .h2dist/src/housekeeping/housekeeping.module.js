"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HousekeepingModule = void 0;
const common_1 = require("@nestjs/common");
const security_events_module_1 = require("../security-events/security-events.module");
const sessions_module_1 = require("../sessions/sessions.module");
const token_blacklist_module_1 = require("../token-blacklist/token-blacklist.module");
const flush_scheduler_1 = require("./flush.scheduler");
const housekeeping_service_1 = require("./housekeeping.service");
/** Scheduled and on-demand (CLI) flushing of expired tokens, sessions and old security events. */
let HousekeepingModule = class HousekeepingModule {
};
exports.HousekeepingModule = HousekeepingModule;
exports.HousekeepingModule = HousekeepingModule = __decorate([
    (0, common_1.Module)({
        imports: [token_blacklist_module_1.TokenBlacklistModule, sessions_module_1.SessionsModule, security_events_module_1.SecurityEventsModule],
        providers: [housekeeping_service_1.HousekeepingService, flush_scheduler_1.FlushScheduler],
        exports: [housekeeping_service_1.HousekeepingService, flush_scheduler_1.FlushScheduler],
    })
], HousekeepingModule);
//# sourceMappingURL=housekeeping.module.js.map