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
exports.MySessionsService = void 0;
const common_1 = require("@nestjs/common");
const clock_1 = require("../common/clock");
const errors_1 = require("../common/errors");
const revocation_service_1 = require("./revocation.service");
const session_repository_1 = require("./session.repository");
const SID = /^[0-9a-f]{32}$/;
/** "My sessions": list them, end one, end all (log out everywhere). */
let MySessionsService = class MySessionsService {
    sessions;
    revocation;
    clock;
    constructor(sessions, revocation, clock) {
        this.sessions = sessions;
        this.revocation = revocation;
        this.clock = clock;
    }
    list(user) {
        return this.sessions.listLive(user.id, new Date(this.clock.now()));
    }
    /** 404 for a malformed id, someone else's session, or one already ended. */
    async revoke(user, id, client) {
        if (!SID.test(id))
            throw errors_1.Errors.notFound();
        const row = await this.sessions.findSession(id);
        if (!row || row.user_id !== user.id || row.revoked_at !== null)
            throw errors_1.Errors.notFound();
        if (!(await this.revocation.revokeSession(id, user.id, 'user', { client, sessionId: id })))
            throw errors_1.Errors.notFound();
    }
    /** Log out everywhere; `keepCurrent` keeps the asking token's session (or, session-less, the token). */
    revokeAll(user, keepCurrent, currentSid, client) {
        const keepSid = keepCurrent ? (currentSid ?? null) : null;
        const sessionless = !keepCurrent || currentSid !== undefined;
        return this.revocation.revokeUser(user.id, { exceptSid: keepSid, reason: keepCurrent ? 'logout_others' : 'logout_all', sessionless }, { client, sessionId: currentSid ?? null });
    }
};
exports.MySessionsService = MySessionsService;
exports.MySessionsService = MySessionsService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [session_repository_1.SessionRepository,
        revocation_service_1.RevocationService,
        clock_1.Clock])
], MySessionsService);
//# sourceMappingURL=my-sessions.service.js.map