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
exports.FlushScheduler = exports.FLUSH_BATCH_SIZE = void 0;
const common_1 = require("@nestjs/common");
const sessions_config_1 = require("../config/sessions.config");
const housekeeping_service_1 = require("./housekeeping.service");
/** Rows per DELETE: each batch is one short statement, so no lock is held for long. */
exports.FLUSH_BATCH_SIZE = 2000;
/** Runs the flush every FLUSH_INTERVAL (0: never); one run at a time per instance. */
let FlushScheduler = class FlushScheduler {
    config;
    housekeeping;
    log = new common_1.Logger('Flush');
    timer;
    running;
    constructor(config, housekeeping) {
        this.config = config;
        this.housekeeping = housekeeping;
    }
    onApplicationBootstrap() {
        if (this.config.flushInterval <= 0)
            return;
        this.timer = setInterval(() => void this.runOnce(), this.config.flushInterval * 1000);
        this.timer.unref();
    }
    async onApplicationShutdown() {
        clearInterval(this.timer);
        await this.running;
    }
    /** One flush, unless one is already running (then that one). */
    runOnce() {
        this.running ??= this.housekeeping
            .flush(exports.FLUSH_BATCH_SIZE)
            .then((r) => {
            if (r.tokens + r.sessions + r.events > 0) {
                this.log.log(`flushed ${r.tokens} expired tokens, ${r.sessions} sessions, ${r.events} old events`);
            }
        })
            .catch((e) => this.log.warn(`scheduled flush failed: ${e.message}`))
            .finally(() => (this.running = undefined));
        return this.running;
    }
};
exports.FlushScheduler = FlushScheduler;
exports.FlushScheduler = FlushScheduler = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [sessions_config_1.SessionsConfig,
        housekeeping_service_1.HousekeepingService])
], FlushScheduler);
//# sourceMappingURL=flush.scheduler.js.map