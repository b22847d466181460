"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readStringFields = readStringFields;
const domain_error_1 = require("./domain-error");
const errors_1 = require("./errors");
const TYPE_NAMES = {
    object: 'list',
    string: 'str',
    number: 'float',
    boolean: 'bool',
};
/**
 * Reads string fields from a parsed body the way DRF's CharField does: numbers become their string
 * form; null, booleans, arrays, objects, NUL characters and blanks are field errors, reported for
 * every field at once. A body that is not an object is a non-field error. Unknown fields are ignored.
 */
function readStringFields(body, spec) {
    const data = asObject(body);
    const errors = {};
    const out = {};
    for (const [name, field] of Object.entries(spec)) {
        const result = readOne(Object.hasOwn(data, name) ? data[name] : undefined, field);
        if (typeof result === 'object')
            errors[name] = [result.error];
        else
            out[name] = result;
    }
    if (Object.keys(errors).length > 0)
        throw domain_error_1.DomainError.fields(errors);
    return out;
}
function asObject(body) {
    if (body === undefined)
        return {};
    if (body === null)
        throw domain_error_1.DomainError.nonField('No data provided');
    if (typeof body !== 'object' || Array.isArray(body)) {
        const got = Array.isArray(body) ? 'list' : Number.isInteger(body) ? 'int' : TYPE_NAMES[typeof body];
        throw domain_error_1.DomainError.nonField(`Invalid data. Expected a dictionary, but got ${got ?? typeof body}.`);
    }
    return body;
}
function readOne(value, field) {
    if (value === undefined)
        return field.required === false ? undefined : { error: errors_1.MSG.required };
    if (value === null)
        return { error: errors_1.MSG.nullField };
    let text;
    if (typeof value === 'string')
        text = value;
    else if (typeof value === 'number' && Number.isFinite(value))
        text = String(value);
    else
        return { error: errors_1.MSG.notString };
    if (text.includes('\0'))
        return { error: errors_1.MSG.nullCharacters };
    if (field.trim)
        text = text.trim();
    if (text === '' && !field.allowBlank)
        return { error: errors_1.MSG.blank };
    return text;
}
//# sourceMappingURL=string-fields.js.map