"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PasswordHasher = void 0;
const common_1 = require("@nestjs/common");
const argon2_1 = require("@node-rs/argon2");
/** argon2id at OWASP's minimum (m=19 MiB, t=2, p=1). Runs on libuv's thread pool, off the event loop. */
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19456, timeCost: 2, parallelism: 1 };
let PasswordHasher = class PasswordHasher {
    dummyHash;
    async onModuleInit() {
        this.dummyHash = await this.hash('bastion-timing-equaliser');
    }
    hash(password) {
        return (0, argon2_1.hash)(password, OPTIONS);
    }
    /** False for a wrong password or a hash we cannot read; never throws for bad input. */
    async verify(passwordHash, password) {
        try {
            return await (0, argon2_1.verify)(passwordHash, password);
        }
        catch {
            return false;
        }
    }
    /** Spends the time of a real verification, so an unknown username answers as slowly as a wrong password. */
    async verifyDummy(password) {
        await this.verify(this.dummyHash, password);
        return false;
    }
};
exports.PasswordHasher = PasswordHasher;
exports.PasswordHasher = PasswordHasher = __decorate([
    (0, common_1.Injectable)()
], PasswordHasher);
//# sourceMappingURL=password-hasher.js.map