"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.KeysModule = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../../config/app.config");
const jwt_config_1 = require("../../config/jwt.config");
const jws_codec_factory_1 = require("../jws-codec.factory");
const jwks_controller_1 = require("./jwks.controller");
const key_ring_1 = require("./key-ring");
/** The signing/verification keys (built once) and their public JWKS endpoint. */
let KeysModule = class KeysModule {
};
exports.KeysModule = KeysModule;
exports.KeysModule = KeysModule = __decorate([
    (0, common_1.Module)({
        controllers: [jwks_controller_1.JwksController],
        providers: [{ provide: key_ring_1.KeyRing, inject: [jwt_config_1.JwtConfig, app_config_1.AppConfig], useFactory: jws_codec_factory_1.createKeyRing }],
        exports: [key_ring_1.KeyRing],
    })
], KeysModule);
//# sourceMappingURL=keys.module.js.map