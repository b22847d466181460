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
exports.SecurityEventsService = void 0;
const common_1 = require("@nestjs/common");
const clock_1 = require("../common/clock");
const sessions_config_1 = require("../config/sessions.config");
const security_event_repository_1 = require("./security-event.repository");
/** The audit trail: who did what to which session, from where. Recording never fails the request. */
let SecurityEventsService = class SecurityEventsService {
    events;
    config;
    clock;
    log = new common_1.Logger('SecurityEvents');
    constructor(events, config, clock) {
        this.events = events;
        this.config = config;
        this.clock = clock;
    }
    async record(e) {
        try {
            await this.events.insert(e);
        }
        catch (err) {
            this.log.error(`could not record ${e.type} event: ${err.message}`);
        }
    }
    page(filter, limit, offset) {
        return this.events.page(filter, limit, offset);
    }
    /** Deletes events older than AUDIT_RETENTION in batches. */
    async flushOld(batchSize) {
        const before = new Date(this.clock.now() - this.config.auditRetention * 1000);
        let total = 0;
        for (;;) {
            const n = await this.events.deleteOlderThan(before, batchSize);
            total += n;
            if (n < batchSize)
                return total;
        }
    }
};
exports.SecurityEventsService = SecurityEventsService;
exports.SecurityEventsService = SecurityEventsService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [security_event_repository_1.SecurityEventRepository,
        sessions_config_1.SessionsConfig,
        clock_1.Clock])
], SecurityEventsService);
//# sourceMappingURL=security-events.service.js.map