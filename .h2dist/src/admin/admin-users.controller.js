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
exports.AdminUsersController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const boolean_field_1 = require("../common/boolean-field");
const client_context_decorator_1 = require("../common/client-context.decorator");
const error_response_1 = require("../common/dto/error.response");
const session_response_1 = require("../sessions/dto/session.response");
const admin_users_service_1 = require("./admin-users.service");
const admin_responses_1 = require("./dto/admin.responses");
const pagination_1 = require("./pagination");
const staff_only_guard_1 = require("./staff-only.guard");
/** Staff only: users, their active flag, deletion, and ending their sessions. */
let AdminUsersController = class AdminUsersController {
    users;
    constructor(users) {
        this.users = users;
    }
    async list(req) {
        const page = (0, pagination_1.pageNumber)(req);
        const search = (0, pagination_1.textQuery)(req, 'search', 150);
        const { count, rows } = await this.users.page(search, pagination_1.PAGE_SIZE, (page - 1) * pagination_1.PAGE_SIZE);
        return (0, pagination_1.paginate)(req, page, count, rows.map((r) => admin_responses_1.AdminUserResponse.ofRow(r)));
    }
    async update(id, body, client) {
        const active = (0, boolean_field_1.readBooleanField)(body, 'is_active');
        return admin_responses_1.AdminUserResponse.ofUser(await this.users.setActive(id, active, client));
    }
    async remove(id, client) {
        await this.users.delete(id, client);
    }
    async revokeSessions(id, client) {
        return { revoked: await this.users.revokeSessions(id, client) };
    }
};
exports.AdminUsersController = AdminUsersController;
__decorate([
    (0, common_1.Get)(),
    (0, swagger_1.ApiOperation)({ summary: 'Users, paginated (username or email contains `search`)' }),
    (0, swagger_1.ApiQuery)({ name: 'search', required: false }),
    (0, swagger_1.ApiQuery)({ name: 'page', required: false, type: Number }),
    (0, swagger_1.ApiOkResponse)({ type: admin_responses_1.AdminUserPage }),
    (0, swagger_1.ApiNotFoundResponse)({ description: 'Invalid page.', type: error_response_1.ErrorResponse }),
    __param(0, (0, common_1.Req)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], AdminUsersController.prototype, "list", null);
__decorate([
    (0, common_1.Patch)(':id'),
    (0, swagger_1.ApiOperation)({ summary: 'Activate or deactivate (deactivation ends every session for good)' }),
    (0, swagger_1.ApiBody)({ type: admin_responses_1.SetActiveDto }),
    (0, swagger_1.ApiOkResponse)({ type: admin_responses_1.AdminUserResponse }),
    (0, swagger_1.ApiBadRequestResponse)({ type: error_response_1.FieldErrorsResponse }),
    (0, swagger_1.ApiNotFoundResponse)({ type: error_response_1.ErrorResponse }),
    __param(0, (0, common_1.Param)('id')),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, client_context_decorator_1.Client)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, Object]),
    __metadata("design:returntype", Promise)
], AdminUsersController.prototype, "update", null);
__decorate([
    (0, common_1.Delete)(':id'),
    (0, common_1.HttpCode)(204),
    (0, swagger_1.ApiOperation)({ summary: 'Delete a user (their tokens answer user_not_found from the next request on)' }),
    (0, swagger_1.ApiNoContentResponse)({ description: 'Deleted' }),
    (0, swagger_1.ApiNotFoundResponse)({ type: error_response_1.ErrorResponse }),
    __param(0, (0, common_1.Param)('id')),
    __param(1, (0, client_context_decorator_1.Client)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], AdminUsersController.prototype, "remove", null);
__decorate([
    (0, common_1.Post)(':id/revoke-sessions'),
    (0, common_1.HttpCode)(200),
    (0, swagger_1.ApiOperation)({ summary: "End every session of the user (their tokens fail from the next request on)" }),
    (0, swagger_1.ApiOkResponse)({ type: session_response_1.RevokedCountResponse }),
    (0, swagger_1.ApiNotFoundResponse)({ type: error_response_1.ErrorResponse }),
    __param(0, (0, common_1.Param)('id')),
    __param(1, (0, client_context_decorator_1.Client)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], AdminUsersController.prototype, "revokeSessions", null);
exports.AdminUsersController = AdminUsersController = __decorate([
    (0, swagger_1.ApiTags)('admin'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, swagger_1.ApiUnauthorizedResponse)({ type: error_response_1.ErrorResponse }),
    (0, swagger_1.ApiForbiddenResponse)({ description: 'Not staff (permission_denied)', type: error_response_1.ErrorResponse }),
    (0, common_1.UseGuards)(staff_only_guard_1.StaffOnlyGuard),
    (0, common_1.Controller)('api/admin/users'),
    __metadata("design:paramtypes", [admin_users_service_1.AdminUsersService])
], AdminUsersController);
//# sourceMappingURL=admin-users.controller.js.map