"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.invalidPage = exports.PAGE_SIZE = void 0;
exports.queryValue = queryValue;
exports.textQuery = textQuery;
exports.pageNumber = pageNumber;
exports.paginate = paginate;
const domain_error_1 = require("../common/domain-error");
/** DRF's PageNumberPagination page size for the admin lists. */
exports.PAGE_SIZE = 20;
const invalidPage = () => new domain_error_1.DomainError('not_found', { detail: 'Invalid page.' });
exports.invalidPage = invalidPage;
/** The last value of a query parameter (Django's QueryDict.get), undefined when absent. */
function queryValue(req, name) {
    const v = req.query?.[name];
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    return typeof last === 'string' ? last : undefined;
}
/** A text query parameter ('' when absent); NUL characters are a 400 field error, never a database error. */
function textQuery(req, name, maxLength) {
    const v = (queryValue(req, name) ?? '').trim();
    if (v.includes('\0'))
        throw domain_error_1.DomainError.fields({ [name]: ['Null characters are not allowed.'] });
    return v.slice(0, maxLength);
}
/** `?page=`: absent or blank is 1; anything but a positive integer is 404 "Invalid page." as DRF answers. */
function pageNumber(req) {
    const raw = queryValue(req, 'page');
    if (raw === undefined || raw === '' || raw === 'last')
        return 1;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1)
        throw (0, exports.invalidPage)();
    return Number(raw);
}
/** DRF's paginated body; a page past the last is 404 "Invalid page." (page 1 of nothing is fine). */
function paginate(req, page, count, results) {
    const pages = Math.max(1, Math.ceil(count / exports.PAGE_SIZE));
    if (page > pages)
        throw (0, exports.invalidPage)();
    return {
        count,
        next: page < pages ? linkTo(req, page + 1) : null,
        previous: page > 1 ? linkTo(req, page - 1) : null,
        results,
    };
}
/** The request's absolute URL with `page` replaced (removed for page 1, as DRF does). */
function linkTo(req, page) {
    const url = new URL(req.url, `${req.protocol}://${req.host}`);
    if (page === 1)
        url.searchParams.delete('page');
    else
        url.searchParams.set('page', String(page));
    return url.toString();
}
//# sourceMappingURL=pagination.js.map