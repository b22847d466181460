import { Busboy, BusboyInstance } from '@fastify/busboy';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { Errors } from '../common/errors';
import { DomainError } from '../common/domain-error';

/**
 * Arrays and objects nested deeper than this are a 400 before JSON.parse builds them: no route takes more
 * than a few levels, and deep nesting (5,000 levels fit in 10 KB) overflows the stack of recursive code
 * downstream (validation, logging).
 */
export const MAX_JSON_DEPTH = 32;
/** Django's DATA_UPLOAD_MAX_NUMBER_FIELDS: more fields than this is a 400. */
const MAX_FORM_FIELDS = 1000;
const utf8 = new TextDecoder('utf-8', { fatal: true });

type Fields = Record<string, string>;

/**
 * The three media types the token endpoints accept (matched case-insensitively, parameters allowed),
 * and a 415 in DRF's words for any other. A later duplicate key wins, as in Django's QueryDict.
 * Every parser reads a Buffer bounded by BODY_LIMIT (fastify counts chunked bodies too).
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
    parseBody(req, body as Buffer).then(
      (parsed) => done(null, parsed),
      (e: Error) => done(e, undefined),
    );
  });
}

async function parseBody(req: FastifyRequest, body: Buffer): Promise<unknown> {
  // No route takes this method here: the answer is a 404, or a 401/405 (authentication, then the
  // method, as DRF dispatches), never a complaint about a body nobody reads.
  if (req.is404) return undefined;
  const header = req.headers['content-type'];
  const mediaType = (header ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/json') return parseJson(body);
  if (mediaType === 'application/x-www-form-urlencoded') return parseForm(body);
  if (mediaType === 'multipart/form-data') return parseMultipart(header!, body);
  if (header === undefined && body.length === 0) return undefined;
  throw Errors.unsupportedMediaType(header ?? '');
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw Errors.parseError('invalid UTF-8');
  }
  if (nestedTooDeep(text)) throw Errors.parseError(`nesting deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw Errors.parseError(e instanceof Error ? e.message : 'invalid JSON');
  }
}

/** One pass over the text: true when `[` / `{` outside strings open more than MAX_JSON_DEPTH levels. */
function nestedTooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
}

function parseForm(body: Buffer): Fields {
  const fields: Fields = Object.create(null) as Fields;
  let count = 0;
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
    count += 1;
    if (count > MAX_FORM_FIELDS) throw tooManyFields();
    fields[key] = value;
  }
  return fields;
}

/** multipart/form-data from a buffered body; only fields are read, files are skipped. */
function parseMultipart(contentType: string, body: Buffer): Promise<Fields> {
  return new Promise((resolve, reject) => {
    const fields: Fields = Object.create(null) as Fields;
    let count = 0;
    const fail = (e: Error): void =>
      reject(
        e instanceof DomainError
          ? e
          : DomainError.coded('invalid_input', `Multipart form parse error - ${e.message}`),
      );
    let parser: BusboyInstance;
    try {
      parser = new Busboy({
        headers: { 'content-type': contentType },
        limits: { fields: MAX_FORM_FIELDS + 1 },
      });
    } catch (e) {
      return fail(e as Error);
    }
    parser.on('field', (name: string, value: string) => {
      count += 1;
      if (count > MAX_FORM_FIELDS) fail(tooManyFields());
      else fields[name] = value;
    });
    parser.on('file', (_name: string, stream: NodeJS.ReadableStream) => stream.resume());
    parser.on('error', fail);
    parser.on('finish', () => resolve(fields));
    parser.end(body);
  });
}

function tooManyFields(): DomainError {
  return DomainError.coded('invalid_input', `The number of fields exceeded ${MAX_FORM_FIELDS}.`);
}
