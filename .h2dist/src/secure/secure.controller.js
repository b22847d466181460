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
exports.SecureController = exports.SecureResponse = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const error_response_1 = require("../common/dto/error.response");
class SecureResponse {
    message;
}
exports.SecureResponse = SecureResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'This is a secure endpoint.' }),
    __metadata("design:type", String)
], SecureResponse.prototype, "message", void 0);
const SECURE = { message: 'This is a secure endpoint.' };
/** The seed's SecureEndpoint: any authenticated user. */
let SecureController = class SecureController {
    get() {
        return SECURE;
    }
};
exports.SecureController = SecureController;
__decorate([
    (0, common_1.Get)(),
    (0, swagger_1.ApiOperation)({ summary: 'Needs a valid access token' }),
    (0, swagger_1.ApiOkResponse)({ type: SecureResponse }),
    (0, swagger_1.ApiUnauthorizedResponse)({ type: error_response_1.ErrorResponse }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", SecureResponse)
], SecureController.prototype, "get", null);
exports.SecureController = SecureController = __decorate([
    (0, swagger_1.ApiTags)('secure'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, common_1.Controller)('api/secure')
], SecureController);
//# sourceMappingURL=secure.controller.js.map