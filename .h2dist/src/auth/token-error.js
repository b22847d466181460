"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TokenError = void 0;
/** A token failed validation; `message` is simplejwt's message for the reason. */
class TokenError extends Error {
    constructor(message) {
        super(message);
        this.name = 'TokenError';
    }
}
exports.TokenError = TokenError;
//# sourceMappingURL=token-error.js.map