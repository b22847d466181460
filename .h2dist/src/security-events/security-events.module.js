"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SecurityEventsModule = void 0;
const common_1 = require("@nestjs/common");
const security_event_repository_1 = require("./security-event.repository");
const security_events_service_1 = require("./security-events.service");
/** The security_event table: login, refresh, reuse, logout, revocation and password events. */
let SecurityEventsModule = class SecurityEventsModule {
};
exports.SecurityEventsModule = SecurityEventsModule;
exports.SecurityEventsModule = SecurityEventsModule = __decorate([
    (0, common_1.Module)({
        providers: [security_event_repository_1.SecurityEventRepository, security_events_service_1.SecurityEventsService],
        exports: [security_events_service_1.SecurityEventsService],
    })
], SecurityEventsModule);
//# sourceMappingURL=security-events.module.js.map