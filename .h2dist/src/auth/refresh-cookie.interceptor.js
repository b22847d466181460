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
exports.RefreshCookieInterceptor = exports.ORIGIN_REFUSED = void 0;
const common_1 = require("@nestjs/common");
const rxjs_1 = require("rxjs");
const domain_error_1 = require("../common/domain-error");
const jwt_config_1 = require("../config/jwt.config");
const network_config_1 = require("../config/network.config");
/** The token endpoints: the cookie is sent to them and nowhere else. */
const COOKIE_PATH = '/api/token';
const SETS_COOKIE = new Set(['obtainPair', 'refresh']);
const READS_COOKIE = new Set(['refresh', 'blacklist']);
exports.ORIGIN_REFUSED = 'A request authenticated by the refresh cookie needs an allowed Origin.';
/**
 * Cookie mode for browsers (JWT_REFRESH_COOKIE). Obtain and refresh also set the refresh token in a
 * `Secure; HttpOnly; SameSite=Strict` cookie on the token endpoints (and leave it out of the body
 * with JWT_REFRESH_COOKIE_ONLY); refresh and blacklist read it when the body has no `refresh`
 * field, but only from an allowed Origin (CORS_ORIGINS: the CSRF defence); logout clears it.
 * Off (the default): nothing changes.
 */
let RefreshCookieInterceptor = class RefreshCookieInterceptor {
    config;
    origins;
    constructor(config, network) {
        this.config = config;
        this.origins = new Set(network.corsOrigins);
    }
    intercept(context, next) {
        if (!this.config.refreshCookie)
            return next.handle();
        const handler = context.getHandler().name;
        const http = context.switchToHttp();
        const req = http.getRequest();
        const reply = http.getResponse();
        const fromCookie = READS_COOKIE.has(handler) && this.useCookie(req);
        return next.handle().pipe((0, rxjs_1.map)((body) => {
            if (handler === 'blacklist')
                void reply.header('Set-Cookie', this.cookie('', 0));
            return SETS_COOKIE.has(handler) ? this.moveToCookie(reply, body) : body;
        }), (0, rxjs_1.catchError)((e) => {
            // A refused token is of no further use: logout clears it all the same.
            if (handler === 'blacklist' && fromCookie && e instanceof domain_error_1.DomainError && e.status === 401) {
                void reply.header('Set-Cookie', this.cookie('', 0));
            }
            return (0, rxjs_1.throwError)(() => e);
        }));
    }
    /** Puts the cookie's token into a body without `refresh`. True when it did. */
    useCookie(req) {
        const body = req.body;
        const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
        if (body !== undefined && !(isObject && !Object.hasOwn(body, 'refresh')))
            return false;
        const token = readCookie(req.headers.cookie, this.config.refreshCookieName);
        if (token === undefined)
            return false;
        const origin = req.headers.origin;
        if (origin === undefined || !this.origins.has(origin))
            throw domain_error_1.DomainError.coded('permission_denied', exports.ORIGIN_REFUSED);
        req.body = { ...(isObject ? body : {}), refresh: token };
        return true;
    }
    moveToCookie(reply, body) {
        const refresh = body?.refresh;
        if (typeof refresh !== 'string')
            return body;
        void reply.header('Set-Cookie', this.cookie(refresh, this.config.refreshLifetime));
        if (!this.config.refreshCookieOnly)
            return body;
        const { refresh: _omitted, ...rest } = body;
        return rest;
    }
    cookie(value, maxAge) {
        const name = this.config.refreshCookieName;
        return `${name}=${value}; Max-Age=${maxAge}; Path=${COOKIE_PATH}; Secure; HttpOnly; SameSite=Strict`;
    }
};
exports.RefreshCookieInterceptor = RefreshCookieInterceptor;
exports.RefreshCookieInterceptor = RefreshCookieInterceptor = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [jwt_config_1.JwtConfig,
        network_config_1.NetworkConfig])
], RefreshCookieInterceptor);
/** The value of cookie `name` in a Cookie header; undefined when absent, blank or given twice. */
function readCookie(header, name) {
    if (header === undefined)
        return undefined;
    const values = header
        .split(';')
        .map((part) => part.trim())
        .filter((part) => part.startsWith(`${name}=`))
        .map((part) => part.slice(name.length + 1).trim());
    // Two cookies of one name (one planted by a sibling subdomain): trust neither.
    return values.length === 1 && values[0] !== '' ? values[0] : undefined;
}
//# sourceMappingURL=refresh-cookie.interceptor.js.map