"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SkipThrottling = exports.ThrottledAs = exports.SKIP_THROTTLING_KEY = exports.THROTTLE_SCOPES_KEY = void 0;
const common_1 = require("@nestjs/common");
exports.THROTTLE_SCOPES_KEY = 'bastion:throttleScopes';
exports.SKIP_THROTTLING_KEY = 'bastion:skipThrottling';
/** The route's own limits (THROTTLE_LOGIN, ...), counted beside the global default. */
const ThrottledAs = (...scopes) => (0, common_1.SetMetadata)(exports.THROTTLE_SCOPES_KEY, scopes);
exports.ThrottledAs = ThrottledAs;
/** No throttling at all (health probes). */
const SkipThrottling = () => (0, common_1.SetMetadata)(exports.SKIP_THROTTLING_KEY, true);
exports.SkipThrottling = SkipThrottling;
//# sourceMappingURL=throttle.decorators.js.map