"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Errors = exports.claimExpired = exports.noClaim = exports.MSG = void 0;
const domain_error_1 = require("./domain-error");
/** The contract's messages, each written once. */
exports.MSG = {
    notProvided: 'Authentication credentials were not provided.',
    noActiveAccount: 'No active account found with the given credentials',
    invalidOrExpired: 'Token is invalid or expired',
    notValidForAnyType: 'Given token not valid for any token type',
    wrongType: 'Token has wrong type',
    noType: 'Token has no type',
    noId: 'Token has no id',
    blacklisted: 'Token is blacklisted',
    userNotFound: 'User not found',
    userInactive: 'User is inactive',
    noUserId: 'Token contained no recognizable user identification',
    twoValues: 'Authorization header must contain two space-delimited values',
    required: 'This field is required.',
    blank: 'This field may not be blank.',
    nullField: 'This field may not be null.',
    notString: 'Not a valid string.',
    nullCharacters: 'Null characters are not allowed.',
    notFound: 'Not found.',
    serviceUnavailable: 'Service temporarily unavailable',
    tooLarge: 'Request body is too large.',
    permissionDenied: 'You do not have permission to perform this action.',
};
const noClaim = (claim) => `Token has no '${claim}' claim`;
exports.noClaim = noClaim;
const claimExpired = (claim) => `Token '${claim}' claim has expired`;
exports.claimExpired = claimExpired;
exports.Errors = {
    notAuthenticated: () => new domain_error_1.DomainError('not_authenticated', { detail: exports.MSG.notProvided }),
    badAuthorizationHeader: () => domain_error_1.DomainError.coded('bad_authorization_header', exports.MSG.twoValues),
    noActiveAccount: () => new domain_error_1.DomainError('authentication_failed', { detail: exports.MSG.noActiveAccount }),
    tokenNotValid: (detail = exports.MSG.invalidOrExpired) => domain_error_1.DomainError.coded('token_not_valid', detail),
    /** The secure endpoint's answer when the token fails AccessToken validation. */
    accessTokenRejected: (message) => new domain_error_1.DomainError('token_not_valid', {
        detail: exports.MSG.notValidForAnyType,
        code: 'token_not_valid',
        messages: [{ token_class: 'AccessToken', token_type: 'access', message }],
    }),
    userNotFound: () => domain_error_1.DomainError.coded('user_not_found', exports.MSG.userNotFound),
    userInactive: () => domain_error_1.DomainError.coded('user_inactive', exports.MSG.userInactive),
    permissionDenied: () => domain_error_1.DomainError.coded('permission_denied', exports.MSG.permissionDenied),
    notFound: () => new domain_error_1.DomainError('not_found', { detail: exports.MSG.notFound }),
    methodNotAllowed: (method, allow) => new domain_error_1.DomainError('method_not_allowed', { detail: `Method "${method}" not allowed.` }, { Allow: allow }),
    unsupportedMediaType: (type) => new domain_error_1.DomainError('unsupported_media_type', { detail: `Unsupported media type "${type}" in request.` }),
    parseError: (message) => new domain_error_1.DomainError('invalid_input', { detail: `JSON parse error - ${message}` }),
    requestTooLarge: () => domain_error_1.DomainError.coded('request_too_large', exports.MSG.tooLarge),
    serviceUnavailable: () => domain_error_1.DomainError.coded('service_unavailable', exports.MSG.serviceUnavailable, { 'Retry-After': '5' }),
};
//# sourceMappingURL=errors.js.map