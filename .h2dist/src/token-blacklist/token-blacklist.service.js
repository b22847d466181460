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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TokenBlacklistService = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const node_crypto_1 = require("node:crypto");
const typeorm_2 = require("typeorm");
const outstanding_token_repository_1 = require("./outstanding-token.repository");
/** simplejwt's token_blacklist app: outstanding tokens, blacklisting, flushing. */
let TokenBlacklistService = class TokenBlacklistService {
    tokens;
    dataSource;
    constructor(tokens, dataSource) {
        this.tokens = tokens;
        this.dataSource = dataSource;
    }
    async outstand(token) {
        await this.tokens.insert(record(token));
    }
    isBlacklisted(jti) {
        return this.tokens.isBlacklisted(jti);
    }
    /** False when the token was already blacklisted (by anyone, including a concurrent call). */
    blacklist(token) {
        return this.tokens.blacklistIfAbsent(record(token));
    }
    /**
     * Rotation in one transaction: blacklist the presented token (when `blacklistOld`) and record its
     * successor (and `alsoInTransaction`, e.g. the session's family record). False, with nothing written,
     * when another request had already blacklisted it.
     */
    async rotate(old, successor, blacklistOld, alsoInTransaction) {
        return this.dataSource.transaction(async (m) => {
            if (blacklistOld && !(await this.tokens.blacklistIfAbsent(record(old), m)))
                return false;
            await this.tokens.insert(record(successor), m);
            await alsoInTransaction?.(m);
            return true;
        });
    }
    /** Deletes expired tokens in batches; `onBatch` gets the running total. */
    async flushExpired(batchSize, onBatch) {
        const now = new Date();
        let total = 0;
        for (;;) {
            const n = await this.tokens.deleteExpiredBefore(now, batchSize);
            total += n;
            if (n > 0)
                await onBatch?.(total);
            if (n < batchSize)
                return total;
        }
    }
    countExpired() {
        return this.tokens.countExpiredBefore(new Date());
    }
};
exports.TokenBlacklistService = TokenBlacklistService;
exports.TokenBlacklistService = TokenBlacklistService = __decorate([
    (0, common_1.Injectable)(),
    __param(1, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [outstanding_token_repository_1.OutstandingTokenRepository,
        typeorm_2.DataSource])
], TokenBlacklistService);
function record(t) {
    return {
        jti: t.jti,
        userId: t.userId,
        tokenSha256: (0, node_crypto_1.createHash)('sha256').update(t.raw).digest('hex'),
        expiresAt: new Date(t.usableUntil * 1000),
    };
}
//# sourceMappingURL=token-blacklist.service.js.map