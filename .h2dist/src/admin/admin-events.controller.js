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
exports.AdminEventsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const domain_error_1 = require("../common/domain-error");
const error_response_1 = require("../common/dto/error.response");
const security_events_service_1 = require("../security-events/security-events.service");
const admin_responses_1 = require("./dto/admin.responses");
const pagination_1 = require("./pagination");
const staff_only_guard_1 = require("./staff-only.guard");
/** Staff only: the security event log, newest first. */
let AdminEventsController = class AdminEventsController {
    events;
    constructor(events) {
        this.events = events;
    }
    async list(req) {
        const page = (0, pagination_1.pageNumber)(req);
        const filter = { userId: userIdFilter((0, pagination_1.queryValue)(req, 'user_id')), type: (0, pagination_1.textQuery)(req, 'type', 41) || undefined };
        const { count, rows } = await this.events.page(filter, pagination_1.PAGE_SIZE, (page - 1) * pagination_1.PAGE_SIZE);
        return (0, pagination_1.paginate)(req, page, count, rows.map((r) => admin_responses_1.SecurityEventResponse.of(r)));
    }
};
exports.AdminEventsController = AdminEventsController;
__decorate([
    (0, common_1.Get)(),
    (0, swagger_1.ApiOperation)({ summary: 'Security events (login, refresh, reuse, logout, revocations, password changes)' }),
    (0, swagger_1.ApiQuery)({ name: 'user_id', required: false, type: Number }),
    (0, swagger_1.ApiQuery)({ name: 'type', required: false, example: 'reuse_detected' }),
    (0, swagger_1.ApiQuery)({ name: 'page', required: false, type: Number }),
    (0, swagger_1.ApiOkResponse)({ type: admin_responses_1.SecurityEventPage }),
    (0, swagger_1.ApiBadRequestResponse)({ description: 'user_id is not a whole number', type: error_response_1.FieldErrorsResponse }),
    (0, swagger_1.ApiNotFoundResponse)({ description: 'Invalid page.', type: error_response_1.ErrorResponse }),
    __param(0, (0, common_1.Req)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], AdminEventsController.prototype, "list", null);
exports.AdminEventsController = AdminEventsController = __decorate([
    (0, swagger_1.ApiTags)('admin'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, swagger_1.ApiUnauthorizedResponse)({ type: error_response_1.ErrorResponse }),
    (0, swagger_1.ApiForbiddenResponse)({ description: 'Not staff (permission_denied)', type: error_response_1.ErrorResponse }),
    (0, common_1.UseGuards)(staff_only_guard_1.StaffOnlyGuard),
    (0, common_1.Controller)('api/admin/events'),
    __metadata("design:paramtypes", [security_events_service_1.SecurityEventsService])
], AdminEventsController);
function userIdFilter(raw) {
    if (raw === undefined || raw.trim() === '')
        return undefined;
    if (!/^\s*\d{1,10}\s*$/.test(raw) || Number(raw) > 2147483647) {
        throw domain_error_1.DomainError.fields({ user_id: ['Enter a whole number.'] });
    }
    return Number(raw);
}
//# sourceMappingURL=admin-events.controller.js.map