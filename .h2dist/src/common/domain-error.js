"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DomainError = exports.ERROR_STATUS = void 0;
exports.ERROR_STATUS = {
    invalid_input: 400,
    token_not_valid: 401,
    not_authenticated: 401,
    bad_authorization_header: 401,
    authentication_failed: 401,
    user_not_found: 401,
    user_inactive: 401,
    permission_denied: 403,
    ip_forbidden: 403,
    not_found: 404,
    method_not_allowed: 405,
    request_too_large: 413,
    uri_too_long: 414,
    unsupported_media_type: 415,
    throttled: 429,
    service_unavailable: 503,
};
class DomainError extends Error {
    code;
    body;
    headers;
    constructor(code, 
    /** The exact JSON body to send. */
    body, 
    /** Extra response headers (Allow, Retry-After, ...). */
    headers = {}) {
        super(typeof body.detail === 'string' ? body.detail : code);
        this.code = code;
        this.body = body;
        this.headers = headers;
        this.name = 'DomainError';
    }
    get status() {
        return exports.ERROR_STATUS[this.code];
    }
    /** `{"detail": detail, "code": code}`, the common DRF/simplejwt error body. */
    static coded(code, detail, headers) {
        return new DomainError(code, { detail, code }, headers);
    }
    /** `{"field": ["message"], ...}`: DRF's field errors. */
    static fields(errors) {
        return new DomainError('invalid_input', errors);
    }
    static nonField(message) {
        return new DomainError('invalid_input', { non_field_errors: [message] });
    }
}
exports.DomainError = DomainError;
//# sourceMappingURL=domain-error.js.map