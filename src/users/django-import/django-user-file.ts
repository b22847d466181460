import { ImportedUser } from '../users.repository';
import { BadRecordError, DjangoUserRecord } from './django-user-record';

export interface ImportRecord {
  line: number;
  user: ImportedUser;
  /** The record's `groups` and `user_permissions` as the file has them (JSON only; undefined: absent). */
  links?: { groups: unknown; userPermissions: unknown };
}

/** An entry of another model (auth.group, auth.permission, …): left to its own importer, uninterpreted. */
export interface OtherEntry {
  line: number;
  model: string;
  pk: unknown;
  fields: unknown;
}

export interface ImportProblem {
  line: number;
  message: string;
}

export interface ParsedFile {
  records: ImportRecord[];
  problems: ImportProblem[];
  /** Entries of models other than a user model, in file order (dumpdata only). */
  others: OtherEntry[];
}

/** The file as a whole cannot be read (not a JSON array, unbalanced quotes, no CSV header). */
export class UnreadableFileError extends Error {}

/**
 * `manage.py dumpdata auth.user` (or `dumpdata auth`) output (a JSON array, indented or not) or a CSV file
 * with the user columns (`id` or `pk`, then the field names). Every user record is checked on its own: a
 * bad one becomes a problem with the line it starts on, the others are returned. Entries of other models
 * are returned as they are, for their own importer (which reports the models it does not know).
 */
export class DjangoUserFile {
  static parse(text: string, format: 'json' | 'csv'): ParsedFile {
    const body = text.replace(/^\uFEFF/, '');
    return format === 'json' ? parseJson(body) : parseCsv(body);
  }
}

function collect(
  out: ParsedFile,
  line: number,
  build: () => ImportedUser,
  links?: ImportRecord['links'],
): void {
  try {
    out.records.push({ line, user: build(), ...(links && { links }) });
  } catch (e) {
    if (!(e instanceof BadRecordError)) throw e;
    out.problems.push({ line, message: e.message });
  }
}

function parseJson(text: string): ParsedFile {
  const out: ParsedFile = { records: [], problems: [], others: [] };
  for (const { line, slice } of arrayElements(text)) {
    let value: unknown;
    try {
      value = JSON.parse(slice);
    } catch {
      out.problems.push({ line, message: 'not valid JSON' });
      continue;
    }
    const entry = isObject(value) ? value : {};
    const { model, pk, fields } = entry;
    if (typeof model === 'string' && !/\.user$/i.test(model)) {
      out.others.push({ line, model, pk, fields });
      continue;
    }
    const links = isObject(fields)
      ? { groups: fields.groups, userPermissions: fields.user_permissions }
      : undefined;
    collect(
      out,
      line,
      () => {
        if (!isObject(value)) throw new BadRecordError('not an object');
        if (!isObject(fields)) throw new BadRecordError('fields: missing');
        return DjangoUserRecord.toUser(pk, fields);
      },
      links,
    );
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The top-level array's elements as text, each with the line it starts on. */
function* arrayElements(text: string): Generator<{ line: number; slice: string }> {
  let i = 0;
  let line = 1;
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i])) if (text[i++] === '\n') line += 1;
  };
  const fail = (what: string): never => {
    throw new UnreadableFileError(`line ${line}: ${what}`);
  };
  skipSpace();
  if (text[i] !== '[') fail('expected a JSON array (manage.py dumpdata auth.user)');
  i += 1;
  skipSpace();
  while (text[i] !== ']') {
    const start = i;
    const startLine = line;
    let depth = 0;
    let inString = false;
    for (; i < text.length; i += 1) {
      const c = text[i];
      if (c === '\n') line += 1;
      if (inString) {
        if (c === '\\') i += 1;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth += 1;
      else if (c === '}' || c === ']') {
        if (depth === 0) break;
        depth -= 1;
      } else if (c === ',' && depth === 0) break;
    }
    if (i >= text.length) fail('the array is not closed');
    yield { line: startLine, slice: text.slice(start, i) };
    if (text[i] === ',') {
      i += 1;
      skipSpace();
    }
  }
  i += 1;
  skipSpace();
  if (i < text.length) fail('text after the array');
}

function parseCsv(text: string): ParsedFile {
  const out: ParsedFile = { records: [], problems: [], others: [] };
  const rows = csvRows(text);
  const header = rows.shift();
  if (!header) throw new UnreadableFileError('line 1: empty file, expected a header row');
  const columns = header.cells.map((c) => c.trim());
  const idColumn = columns.includes('id') ? 'id' : 'pk';
  for (const required of [idColumn, 'username', 'password', 'date_joined']) {
    if (!columns.includes(required))
      throw new UnreadableFileError(`line 1: the header has no ${required} column`);
  }
  for (const row of rows) {
    if (row.cells.length === 1 && row.cells[0] === '') continue;
    if (row.cells.length !== columns.length) {
      out.problems.push({
        line: row.line,
        message: `${row.cells.length} columns, the header has ${columns.length}`,
      });
      continue;
    }
    const fields = Object.fromEntries(columns.map((c, k) => [c, row.cells[k]]));
    collect(out, row.line, () => DjangoUserRecord.toUser(fields[idColumn], fields));
  }
  return out;
}

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and newlines. */
function csvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let line = 1;
  let row = { line, cells: [] as string[] };
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line += 1;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.cells.push(cell);
      rows.push(row);
      cell = '';
      line += 1;
      row = { line, cells: [] };
    } else cell += c;
  }
  if (quoted) throw new UnreadableFileError(`line ${row.line}: a quoted field is not closed`);
  if (cell !== '' || row.cells.length > 0) rows.push({ ...row, cells: [...row.cells, cell] });
  return rows;
}
