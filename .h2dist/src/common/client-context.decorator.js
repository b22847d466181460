"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Client = void 0;
exports.clientContextOf = clientContextOf;
const common_1 = require("@nestjs/common");
function clientContextOf(req) {
    const ua = req.headers['user-agent'];
    return { ip: req.ip, userAgent: typeof ua === 'string' ? ua.slice(0, 512) : undefined };
}
/** The request's ClientContext, for services that record or limit per client. */
exports.Client = (0, common_1.createParamDecorator)((_, ctx) => clientContextOf(ctx.switchToHttp().getRequest()));
//# sourceMappingURL=client-context.decorator.js.map