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
exports.FieldErrorsResponse = exports.ErrorResponse = void 0;
const swagger_1 = require("@nestjs/swagger");
/** `{"detail": …, "code": …}`: every non-field error. */
class ErrorResponse {
    detail;
    code;
}
exports.ErrorResponse = ErrorResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'Token is invalid or expired' }),
    __metadata("design:type", String)
], ErrorResponse.prototype, "detail", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ example: 'token_not_valid' }),
    __metadata("design:type", String)
], ErrorResponse.prototype, "code", void 0);
/** DRF field errors: each invalid field maps to a list of messages. */
class FieldErrorsResponse {
    username;
    non_field_errors;
}
exports.FieldErrorsResponse = FieldErrorsResponse;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ type: [String], example: ['This field is required.'] }),
    __metadata("design:type", Array)
], FieldErrorsResponse.prototype, "username", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ type: [String], example: ['Token is blacklisted'] }),
    __metadata("design:type", Array)
], FieldErrorsResponse.prototype, "non_field_errors", void 0);
//# sourceMappingURL=error.response.js.map