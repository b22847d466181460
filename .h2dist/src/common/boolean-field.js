"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readBooleanField = readBooleanField;
const domain_error_1 = require("./domain-error");
const errors_1 = require("./errors");
const TRUE = new Set([true, 1, 'true', 'True', 'TRUE', '1', 'yes', 'on']);
const FALSE = new Set([false, 0, 'false', 'False', 'FALSE', '0', 'no', 'off']);
/**
 * Reads one boolean field the way DRF's BooleanField does (JSON booleans, 1/0 and their usual string
 * forms, so form bodies work too). Absent: `fallback`, or "This field is required." when there is none.
 * Anything else: a 400 field error. A body that is not an object: a 400 non-field error.
 */
function readBooleanField(body, name, fallback) {
    if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
        throw domain_error_1.DomainError.nonField('Invalid data. Expected a dictionary.');
    }
    const data = (body ?? {});
    if (!Object.hasOwn(data, name)) {
        if (fallback !== undefined)
            return fallback;
        throw domain_error_1.DomainError.fields({ [name]: [errors_1.MSG.required] });
    }
    const value = data[name];
    if (value === null)
        throw domain_error_1.DomainError.fields({ [name]: [errors_1.MSG.nullField] });
    if (TRUE.has(value))
        return true;
    if (FALSE.has(value))
        return false;
    throw domain_error_1.DomainError.fields({ [name]: ['Must be a valid boolean.'] });
}
//# sourceMappingURL=boolean-field.js.map