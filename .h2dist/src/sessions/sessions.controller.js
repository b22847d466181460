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
exports.SessionsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const current_principal_decorator_1 = require("../auth/current-principal.decorator");
const boolean_field_1 = require("../common/boolean-field");
const client_context_decorator_1 = require("../common/client-context.decorator");
const error_response_1 = require("../common/dto/error.response");
const session_response_1 = require("./dto/session.response");
const my_sessions_service_1 = require("./my-sessions.service");
const session_service_1 = require("./session.service");
const currentSid = (p) => (0, session_service_1.sidOf)(p.token.claims) ?? undefined;
/** My sessions (token families): list, end one, log out everywhere. */
let SessionsController = class SessionsController {
    sessions;
    constructor(sessions) {
        this.sessions = sessions;
    }
    async list(p) {
        const sid = currentSid(p);
        return (await this.sessions.list(p.user)).map((row) => session_response_1.SessionResponse.of(row, sid));
    }
    async revokeAll(p, body, client) {
        const keep = (0, boolean_field_1.readBooleanField)(body, 'keep_current', false);
        return { revoked: await this.sessions.revokeAll(p.user, keep, currentSid(p), client) };
    }
    async revoke(p, id, client) {
        await this.sessions.revoke(p.user, id, client);
    }
};
exports.SessionsController = SessionsController;
__decorate([
    (0, common_1.Get)(),
    (0, swagger_1.ApiOperation)({ summary: 'My live sessions' }),
    (0, swagger_1.ApiOkResponse)({ type: [session_response_1.SessionResponse] }),
    __param(0, (0, current_principal_decorator_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], SessionsController.prototype, "list", null);
__decorate([
    (0, common_1.Post)('revoke-all'),
    (0, common_1.HttpCode)(200),
    (0, swagger_1.ApiOperation)({ summary: 'Log out everywhere (optionally keeping this session)' }),
    (0, swagger_1.ApiBody)({ type: session_response_1.RevokeAllDto, required: false }),
    (0, swagger_1.ApiOkResponse)({ type: session_response_1.RevokedCountResponse }),
    (0, swagger_1.ApiBadRequestResponse)({ type: error_response_1.FieldErrorsResponse }),
    __param(0, (0, current_principal_decorator_1.CurrentPrincipal)()),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, client_context_decorator_1.Client)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object]),
    __metadata("design:returntype", Promise)
], SessionsController.prototype, "revokeAll", null);
__decorate([
    (0, common_1.Delete)(':id'),
    (0, common_1.HttpCode)(204),
    (0, swagger_1.ApiOperation)({ summary: 'End one of my sessions (the current one too: that logs me out)' }),
    (0, swagger_1.ApiNoContentResponse)({ description: 'Ended; its tokens fail from the next request on' }),
    (0, swagger_1.ApiNotFoundResponse)({ description: 'No such live session of mine', type: error_response_1.ErrorResponse }),
    __param(0, (0, current_principal_decorator_1.CurrentPrincipal)()),
    __param(1, (0, common_1.Param)('id')),
    __param(2, (0, client_context_decorator_1.Client)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String, Object]),
    __metadata("design:returntype", Promise)
], SessionsController.prototype, "revoke", null);
exports.SessionsController = SessionsController = __decorate([
    (0, swagger_1.ApiTags)('sessions'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, swagger_1.ApiUnauthorizedResponse)({ type: error_response_1.ErrorResponse }),
    (0, common_1.Controller)('api/sessions'),
    __metadata("design:paramtypes", [my_sessions_service_1.MySessionsService])
], SessionsController);
//# sourceMappingURL=sessions.controller.js.map