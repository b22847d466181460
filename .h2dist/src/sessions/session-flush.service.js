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
exports.SessionFlushService = void 0;
exports.yieldToRequests = yieldToRequests;
const common_1 = require("@nestjs/common");
const clock_1 = require("../common/clock");
const session_repository_1 = require("./session.repository");
/** Deletes sessions whose cap and every refresh token have passed; their token rows cascade. */
let SessionFlushService = class SessionFlushService {
    sessions;
    clock;
    constructor(sessions, clock) {
        this.sessions = sessions;
        this.clock = clock;
    }
    async flushGone(batchSize) {
        const before = new Date(this.clock.now());
        let total = 0;
        for (;;) {
            const n = await this.sessions.deleteGoneBefore(before, batchSize);
            total += n;
            if (n < batchSize)
                return total;
            await yieldToRequests();
        }
    }
};
exports.SessionFlushService = SessionFlushService;
exports.SessionFlushService = SessionFlushService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [session_repository_1.SessionRepository,
        clock_1.Clock])
], SessionFlushService);
/** Between batches, let waiting requests run (and their queries reach the pool) first. */
function yieldToRequests() {
    return new Promise((resolve) => setImmediate(resolve));
}
//# sourceMappingURL=session-flush.service.js.map