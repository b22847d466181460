"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuthModule = void 0;
const common_1 = require("@nestjs/common");
const sessions_module_1 = require("../sessions/sessions.module");
const token_blacklist_module_1 = require("../token-blacklist/token-blacklist.module");
const traffic_module_1 = require("../traffic/traffic.module");
const users_module_1 = require("../users/users.module");
const access_authenticator_1 = require("./access-authenticator");
const jws_codec_1 = require("./jws-codec");
const jws_codec_factory_1 = require("./jws-codec.factory");
const key_ring_1 = require("./keys/key-ring");
const keys_module_1 = require("./keys/keys.module");
const token_minter_1 = require("./token-minter");
const token_validator_1 = require("./token-validator");
const token_controller_1 = require("./token.controller");
const token_service_1 = require("./token.service");
const user_resolver_1 = require("./user-resolver");
let AuthModule = class AuthModule {
};
exports.AuthModule = AuthModule;
exports.AuthModule = AuthModule = __decorate([
    (0, common_1.Module)({
        imports: [keys_module_1.KeysModule, token_blacklist_module_1.TokenBlacklistModule, users_module_1.UsersModule, traffic_module_1.TrafficModule, sessions_module_1.SessionsModule],
        controllers: [token_controller_1.TokenController],
        providers: [
            { provide: jws_codec_1.JwsCodec, inject: [key_ring_1.KeyRing], useFactory: jws_codec_factory_1.createJwsCodec },
            token_validator_1.TokenValidator,
            token_minter_1.TokenMinter,
            user_resolver_1.UserResolver,
            token_service_1.TokenService,
            access_authenticator_1.AccessAuthenticator,
        ],
        exports: [access_authenticator_1.AccessAuthenticator, token_service_1.TokenService],
    })
], AuthModule);
//# sourceMappingURL=auth.module.js.map