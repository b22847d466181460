"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CurrentPrincipal = void 0;
const common_1 = require("@nestjs/common");
/** The authenticated user and token of the request (set by JwtAuthGuard). */
exports.CurrentPrincipal = (0, common_1.createParamDecorator)((_, ctx) => ctx.switchToHttp().getRequest().principal);
//# sourceMappingURL=current-principal.decorator.js.map