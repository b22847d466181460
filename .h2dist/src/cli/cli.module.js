"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var CliModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.CliModule = void 0;
const common_1 = require("@nestjs/common");
const config_module_1 = require("../config/config.module");
const database_module_1 = require("../database/database.module");
const redis_module_1 = require("../redis/redis.module");
const housekeeping_module_1 = require("../housekeeping/housekeeping.module");
const sessions_module_1 = require("../sessions/sessions.module");
const token_blacklist_module_1 = require("../token-blacklist/token-blacklist.module");
const users_module_1 = require("../users/users.module");
/** What the manage.py-style commands need: config, the database, users and token tables. No HTTP. */
let CliModule = CliModule_1 = class CliModule {
    static register(config, command) {
        return {
            module: CliModule_1,
            imports: [
                config_module_1.AppConfigModule.register(config),
                database_module_1.DatabaseModule.forRoot(`cli ${command}`),
                redis_module_1.RedisModule,
                users_module_1.UsersModule,
                token_blacklist_module_1.TokenBlacklistModule,
                sessions_module_1.SessionsModule,
                housekeeping_module_1.HousekeepingModule,
            ],
        };
    }
};
exports.CliModule = CliModule;
exports.CliModule = CliModule = CliModule_1 = __decorate([
    (0, common_1.Module)({})
], CliModule);
//# sourceMappingURL=cli.module.js.map