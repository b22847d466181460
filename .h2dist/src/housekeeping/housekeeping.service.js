"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HousekeepingService = void 0;
const common_1 = require("@nestjs/common");
const security_events_service_1 = require("../security-events/security-events.service");
const session_flush_service_1 = require("../sessions/session-flush.service");
const token_blacklist_service_1 = require("../token-blacklist/token-blacklist.service");
/** Expired tokens, gone sessions and events past AUDIT_RETENTION, deleted in bounded batches. */
let HousekeepingService = class HousekeepingService {
    tokens;
    sessions;
    events;
    constructor(tokens, sessions, events) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.events = events;
    }
    async flush(batchSize, onTokens) {
        const tokens = await this.tokens.flushExpired(batchSize, (n) => {
            onTokens?.(n);
            return (0, session_flush_service_1.yieldToRequests)();
        });
        const sessions = await this.sessions.flushGone(batchSize);
        const events = await this.events.flushOld(batchSize);
        return { tokens, sessions, events };
    }
};
exports.HousekeepingService = HousekeepingService;
exports.HousekeepingService = HousekeepingService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [token_blacklist_service_1.TokenBlacklistService,
        session_flush_service_1.SessionFlushService,
        security_events_service_1.SecurityEventsService])
], HousekeepingService);
//# sourceMappingURL=housekeeping.service.js.map