"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DjangoUserFile = exports.UnreadableFileError = void 0;
const django_user_record_1 = require("./django-user-record");
/** The file as a whole cannot be read (not a JSON array, unbalanced quotes, no CSV header). */
class UnreadableFileError extends Error {
}
exports.UnreadableFileError = UnreadableFileError;
/**
 * `manage.py dumpdata auth.user` output (a JSON array, indented or not) or a CSV file with the same
 * columns (`id` or `pk`, then the field names). Every record is checked on its own: a bad one becomes
 * a problem with the line it starts on, the others are returned.
 */
class DjangoUserFile {
    static parse(text, format) {
        const body = text.replace(/^\uFEFF/, '');
        return format === 'json' ? parseJson(body) : parseCsv(body);
    }
}
exports.DjangoUserFile = DjangoUserFile;
function collect(out, line, build) {
    try {
        out.records.push({ line, user: build() });
    }
    catch (e) {
        if (!(e instanceof django_user_record_1.BadRecordError))
            throw e;
        out.problems.push({ line, message: e.message });
    }
}
function parseJson(text) {
    const out = { records: [], problems: [] };
    for (const { line, slice } of arrayElements(text)) {
        let value;
        try {
            value = JSON.parse(slice);
        }
        catch {
            out.problems.push({ line, message: 'not valid JSON' });
            continue;
        }
        collect(out, line, () => {
            if (typeof value !== 'object' || value === null || Array.isArray(value))
                throw new django_user_record_1.BadRecordError('not an object');
            const { model, pk, fields } = value;
            if (typeof model === 'string' && !/\.user$/i.test(model))
                throw new django_user_record_1.BadRecordError(`model ${model} is not a user model`);
            if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
                throw new django_user_record_1.BadRecordError('fields: missing');
            return django_user_record_1.DjangoUserRecord.toUser(pk, fields);
        });
    }
    return out;
}
/** The top-level array's elements as text, each with the line it starts on. */
function* arrayElements(text) {
    let i = 0;
    let line = 1;
    const skipSpace = () => {
        while (i < text.length && /\s/.test(text[i]))
            if (text[i++] === '\n')
                line += 1;
    };
    const fail = (what) => {
        throw new UnreadableFileError(`line ${line}: ${what}`);
    };
    skipSpace();
    if (text[i] !== '[')
        fail('expected a JSON array (manage.py dumpdata auth.user)');
    i += 1;
    skipSpace();
    if (text[i] === ']')
        return;
    for (;;) {
        const start = i;
        const startLine = line;
        let depth = 0;
        let inString = false;
        for (; i < text.length; i += 1) {
            const c = text[i];
            if (c === '\n')
                line += 1;
            if (inString) {
                if (c === '\\')
                    i += 1;
                else if (c === '"')
                    inString = false;
            }
            else if (c === '"')
                inString = true;
            else if (c === '{' || c === '[')
                depth += 1;
            else if (c === '}' || c === ']') {
                if (depth === 0)
                    break;
                depth -= 1;
            }
            else if (c === ',' && depth === 0)
                break;
        }
        if (i >= text.length)
            fail('the array is not closed');
        yield { line: startLine, slice: text.slice(start, i) };
        if (text[i] === ']')
            break;
        i += 1;
        skipSpace();
    }
    i += 1;
    skipSpace();
    if (i < text.length)
        fail('text after the array');
}
function parseCsv(text) {
    const out = { records: [], problems: [] };
    const rows = csvRows(text);
    const header = rows.shift();
    if (!header)
        throw new UnreadableFileError('line 1: empty file, expected a header row');
    const columns = header.cells.map((c) => c.trim());
    const idColumn = columns.includes('id') ? 'id' : 'pk';
    for (const required of [idColumn, 'username', 'password', 'date_joined']) {
        if (!columns.includes(required))
            throw new UnreadableFileError(`line 1: the header has no ${required} column`);
    }
    for (const row of rows) {
        if (row.cells.length === 1 && row.cells[0] === '')
            continue;
        if (row.cells.length !== columns.length) {
            out.problems.push({
                line: row.line,
                message: `${row.cells.length} columns, the header has ${columns.length}`,
            });
            continue;
        }
        const fields = Object.fromEntries(columns.map((c, k) => [c, row.cells[k]]));
        collect(out, row.line, () => django_user_record_1.DjangoUserRecord.toUser(fields[idColumn], fields));
    }
    return out;
}
/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and newlines. */
function csvRows(text) {
    const rows = [];
    let line = 1;
    let row = { line, cells: [] };
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i += 1) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') {
                cell += '"';
                i += 1;
            }
            else if (c === '"')
                quoted = false;
            else {
                if (c === '\n')
                    line += 1;
                cell += c;
            }
        }
        else if (c === '"' && cell === '')
            quoted = true;
        else if (c === ',') {
            row.cells.push(cell);
            cell = '';
        }
        else if (c === '\n' || c === '\r') {
            if (c === '\r' && text[i + 1] === '\n')
                i += 1;
            row.cells.push(cell);
            rows.push(row);
            cell = '';
            line += 1;
            row = { line, cells: [] };
        }
        else
            cell += c;
    }
    if (quoted)
        throw new UnreadableFileError(`line ${row.line}: a quoted field is not closed`);
    if (cell !== '' || row.cells.length > 0)
        rows.push({ ...row, cells: [...row.cells, cell] });
    return rows;
}
//# sourceMappingURL=django-user-file.js.map