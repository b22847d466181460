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
exports.UsersController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const current_principal_decorator_1 = require("../auth/current-principal.decorator");
const app_config_1 = require("../config/app.config");
const domain_error_1 = require("../common/domain-error");
const error_response_1 = require("../common/dto/error.response");
const public_decorator_1 = require("../common/public.decorator");
const string_fields_1 = require("../common/string-fields");
const throttle_decorators_1 = require("../traffic/throttle.decorators");
const register_user_dto_1 = require("./dto/register-user.dto");
const user_response_1 = require("./dto/user.response");
const users_service_1 = require("./users.service");
const REGISTRATION = {
    username: { trim: true },
    password: { trim: false },
    email: { trim: true, required: false, allowBlank: true },
};
let UsersController = class UsersController {
    users;
    app;
    constructor(users, app) {
        this.users = users;
        this.app = app;
    }
    async register(body) {
        if (!this.app.registrationEnabled) {
            throw domain_error_1.DomainError.coded('permission_denied', 'Registration is disabled.');
        }
        return user_response_1.UserResponse.of(await this.users.register((0, string_fields_1.readStringFields)(body, REGISTRATION)));
    }
    me(principal) {
        return user_response_1.MeResponse.ofMe(principal.user);
    }
};
exports.UsersController = UsersController;
__decorate([
    (0, public_decorator_1.Public)(),
    (0, common_1.Post)(),
    (0, common_1.HttpCode)(201),
    (0, throttle_decorators_1.ThrottledAs)('register'),
    (0, swagger_1.ApiOperation)({ summary: 'Register a user (REGISTRATION_ENABLED)' }),
    (0, swagger_1.ApiConsumes)('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'),
    (0, swagger_1.ApiBody)({ type: register_user_dto_1.RegisterUserDto }),
    (0, swagger_1.ApiCreatedResponse)({ type: user_response_1.UserResponse }),
    (0, swagger_1.ApiBadRequestResponse)({ description: 'Field errors (taken username, password policy)', type: error_response_1.FieldErrorsResponse }),
    (0, swagger_1.ApiForbiddenResponse)({ description: 'Registration is disabled', type: error_response_1.ErrorResponse }),
    __param(0, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], UsersController.prototype, "register", null);
__decorate([
    (0, common_1.Get)('me'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, swagger_1.ApiOperation)({ summary: 'The user the bearer token belongs to' }),
    (0, swagger_1.ApiOkResponse)({ type: user_response_1.MeResponse }),
    (0, swagger_1.ApiUnauthorizedResponse)({ type: error_response_1.ErrorResponse }),
    __param(0, (0, current_principal_decorator_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", user_response_1.MeResponse)
], UsersController.prototype, "me", null);
exports.UsersController = UsersController = __decorate([
    (0, swagger_1.ApiTags)('users'),
    (0, common_1.Controller)('api/users'),
    __metadata("design:paramtypes", [users_service_1.UsersService,
        app_config_1.AppConfig])
], UsersController);
//# sourceMappingURL=users.controller.js.map