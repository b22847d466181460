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
exports.PasswordController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const current_principal_decorator_1 = require("../auth/current-principal.decorator");
const client_context_decorator_1 = require("../common/client-context.decorator");
const error_response_1 = require("../common/dto/error.response");
const string_fields_1 = require("../common/string-fields");
const session_response_1 = require("./dto/session.response");
const session_service_1 = require("./session.service");
const user_lifecycle_service_1 = require("./user-lifecycle.service");
const FIELDS = { old_password: { trim: false }, new_password: { trim: false } };
let PasswordController = class PasswordController {
    lifecycle;
    constructor(lifecycle) {
        this.lifecycle = lifecycle;
    }
    async change(p, body, client) {
        const { old_password, new_password } = (0, string_fields_1.readStringFields)(body, FIELDS);
        const sid = (0, session_service_1.sidOf)(p.token.claims) ?? null;
        return { revoked: await this.lifecycle.changeOwnPassword(p.user, old_password, new_password, sid, client) };
    }
};
exports.PasswordController = PasswordController;
__decorate([
    (0, common_1.Post)(),
    (0, common_1.HttpCode)(200),
    (0, swagger_1.ApiOperation)({ summary: 'Change my password: every other session ends, this one stays' }),
    (0, swagger_1.ApiConsumes)('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'),
    (0, swagger_1.ApiBody)({ type: session_response_1.ChangePasswordDto }),
    (0, swagger_1.ApiOkResponse)({ type: session_response_1.RevokedCountResponse, description: 'How many other sessions were ended' }),
    (0, swagger_1.ApiBadRequestResponse)({ description: 'Wrong old password, or the new one fails the policy', type: error_response_1.FieldErrorsResponse }),
    (0, swagger_1.ApiUnauthorizedResponse)({ type: error_response_1.ErrorResponse }),
    __param(0, (0, current_principal_decorator_1.CurrentPrincipal)()),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, client_context_decorator_1.Client)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object]),
    __metadata("design:returntype", Promise)
], PasswordController.prototype, "change", null);
exports.PasswordController = PasswordController = __decorate([
    (0, swagger_1.ApiTags)('users'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, common_1.Controller)('api/users/me/password'),
    __metadata("design:paramtypes", [user_lifecycle_service_1.UserLifecycleService])
], PasswordController);
//# sourceMappingURL=password.controller.js.map