"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.registerBodyParsers = registerBodyParsers;
const busboy_1 = require("@fastify/busboy");
const errors_1 = require("../common/errors");
const domain_error_1 = require("../common/domain-error");
/** Django's DATA_UPLOAD_MAX_NUMBER_FIELDS: more fields than this is a 400. */
const MAX_FORM_FIELDS = 1000;
const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * The three media types the token endpoints accept (matched case-insensitively, parameters allowed),
 * and a 415 in DRF's words for any other. A later duplicate key wins, as in Django's QueryDict.
 * Every parser reads a Buffer bounded by BODY_LIMIT (fastify counts chunked bodies too).
 */
function registerBodyParsers(fastify) {
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
        parseBody(req, body).then((parsed) => done(null, parsed), (e) => done(e, undefined));
    });
}
async function parseBody(req, body) {
    // No route takes this method here: the answer is a 404, or a 401/405 (authentication, then the
    // method, as DRF dispatches), never a complaint about a body nobody reads.
    if (req.is404)
        return undefined;
    const header = req.headers['content-type'];
    const mediaType = (header ?? '').split(';')[0].trim().toLowerCase();
    if (mediaType === 'application/json')
        return parseJson(body);
    if (mediaType === 'application/x-www-form-urlencoded')
        return parseForm(body);
    if (mediaType === 'multipart/form-data')
        return parseMultipart(header, body);
    if (header === undefined && body.length === 0)
        return undefined;
    throw errors_1.Errors.unsupportedMediaType(header ?? '');
}
function parseJson(body) {
    if (body.length === 0)
        return undefined;
    let text;
    try {
        text = utf8.decode(body);
    }
    catch {
        throw errors_1.Errors.parseError('invalid UTF-8');
    }
    try {
        return JSON.parse(text);
    }
    catch (e) {
        throw errors_1.Errors.parseError(e instanceof Error ? e.message : 'invalid JSON');
    }
}
function parseForm(body) {
    const fields = Object.create(null);
    let count = 0;
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
        count += 1;
        if (count > MAX_FORM_FIELDS)
            throw tooManyFields();
        fields[key] = value;
    }
    return fields;
}
/** multipart/form-data from a buffered body; only fields are read, files are skipped. */
function parseMultipart(contentType, body) {
    return new Promise((resolve, reject) => {
        const fields = Object.create(null);
        let count = 0;
        const fail = (e) => reject(e instanceof domain_error_1.DomainError ? e : domain_error_1.DomainError.coded('invalid_input', `Multipart form parse error - ${e.message}`));
        let parser;
        try {
            parser = new busboy_1.Busboy({ headers: { 'content-type': contentType }, limits: { fields: MAX_FORM_FIELDS + 1 } });
        }
        catch (e) {
            return fail(e);
        }
        parser.on('field', (name, value) => {
            count += 1;
            if (count > MAX_FORM_FIELDS)
                fail(tooManyFields());
            else
                fields[name] = value;
        });
        parser.on('file', (_name, stream) => stream.resume());
        parser.on('error', fail);
        parser.on('finish', () => resolve(fields));
        parser.end(body);
    });
}
function tooManyFields() {
    return domain_error_1.DomainError.coded('invalid_input', `The number of fields exceeded ${MAX_FORM_FIELDS}.`);
}
//# sourceMappingURL=body-parsers.js.map