"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readUserClaim = readUserClaim;
const errors_1 = require("../common/errors");
const MAX_ID = 2147483647;
/**
 * Reads the user claim. Missing, or of a type that cannot name a user (a float, a boolean, a
 * non-numeric string, an object): 401 token_not_valid. An id that no user can have (0, negative,
 * null, beyond the integer column): `none`, which answers user_not_found like a deleted user.
 */
function readUserClaim(claims, config) {
    if (!Object.hasOwn(claims, config.userIdClaim))
        throw errors_1.Errors.tokenNotValid(errors_1.MSG.noUserId);
    const value = claims[config.userIdClaim];
    if (value === null)
        return { by: 'none' };
    if (config.userIdField === 'username') {
        if (typeof value !== 'string')
            throw errors_1.Errors.tokenNotValid(errors_1.MSG.noUserId);
        return { by: 'username', username: value };
    }
    let id;
    if (typeof value === 'number' && Number.isInteger(value))
        id = value;
    else if (typeof value === 'string' && /^-?\d{1,20}$/.test(value))
        id = Number(value);
    else
        throw errors_1.Errors.tokenNotValid(errors_1.MSG.noUserId);
    return id >= 1 && id <= MAX_ID ? { by: 'id', id } : { by: 'none' };
}
//# sourceMappingURL=user-claim.js.map