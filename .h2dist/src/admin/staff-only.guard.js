"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.StaffOnlyGuard = void 0;
const common_1 = require("@nestjs/common");
const errors_1 = require("../common/errors");
/** After the global JWT guard: only `is_staff` users pass; others get 403 permission_denied. */
let StaffOnlyGuard = class StaffOnlyGuard {
    canActivate(context) {
        const req = context.switchToHttp().getRequest();
        if (!req.principal?.user.isStaff)
            throw errors_1.Errors.permissionDenied();
        return true;
    }
};
exports.StaffOnlyGuard = StaffOnlyGuard;
exports.StaffOnlyGuard = StaffOnlyGuard = __decorate([
    (0, common_1.Injectable)()
], StaffOnlyGuard);
//# sourceMappingURL=staff-only.guard.js.map