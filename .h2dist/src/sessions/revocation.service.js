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
exports.RevocationService = void 0;
const common_1 = require("@nestjs/common");
const clock_1 = require("../common/clock");
const security_events_service_1 = require("../security-events/security-events.service");
const revocation_bus_1 = require("./revocation-bus");
const session_repository_1 = require("./session.repository");
/** Revokes sessions in the database, then tells every instance at once, and records it. */
let RevocationService = class RevocationService {
    sessions;
    bus;
    events;
    clock;
    constructor(sessions, bus, events, clock) {
        this.sessions = sessions;
        this.bus = bus;
        this.events = events;
        this.clock = clock;
    }
    /** True for the caller that revoked it (false: already revoked or unknown). */
    async revokeSession(sid, userId, reason, actor, event = 'session_revoked') {
        const won = await this.sessions.revoke(sid, reason, new Date(this.clock.now()));
        if (!won)
            return false;
        await this.bus.publish({ kind: 'sessions', sids: [sid] });
        await this.record(event, userId, sid, actor, reason);
        return true;
    }
    /** Revokes every session of the user (but `exceptSid`); the number revoked. */
    async revokeUser(userId, o, actor = {}) {
        const at = new Date(this.clock.now());
        if (o.sessionless)
            await this.sessions.raiseCutoff(userId, at);
        const sids = await this.sessions.revokeAllOfUser(userId, o.exceptSid ?? null, o.reason, at);
        if (sids.length > 0)
            await this.bus.publish({ kind: 'sessions', sids });
        if (o.sessionless)
            await this.bus.publish({ kind: 'user', userId });
        await this.record(o.event ?? 'sessions_revoked', userId, actor.sessionId ?? null, actor, `${o.reason}: ${sids.length}`);
        return sids.length;
    }
    /** The user row changed (active flag, staff flag, deletion): every instance re-reads it. */
    userChanged(userId) {
        return this.bus.publish({ kind: 'user', userId });
    }
    record(type, userId, sid, actor, detail) {
        return this.events.record({
            type,
            userId,
            sessionId: sid,
            ip: actor.client?.ip,
            userAgent: actor.client?.userAgent,
            detail,
        });
    }
};
exports.RevocationService = RevocationService;
exports.RevocationService = RevocationService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [session_repository_1.SessionRepository,
        revocation_bus_1.RevocationBus,
        security_events_service_1.SecurityEventsService,
        clock_1.Clock])
], RevocationService);
//# sourceMappingURL=revocation.service.js.map