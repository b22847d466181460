import { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';

/** The request a gateway asks about: its method and its normalised path. */
export interface ForwardedRequest {
  method: string;
  /** Decoded segments joined by `/`, no query, no trailing slash (`''` is the root). */
  path: string;
}

const METHOD = /^[A-Z]{1,20}$/;
/** A raw origin-form path: no whitespace or control characters, no fragment. */
const RAW_PATH = /^\/[\x21-\x7e]*$/;
/** What a decoded segment may not hold: a slash or backslash (encoded as %2F / %5C) or a control character. */
const UNSAFE_SEGMENT = /[/\\\p{Cc}]/u;

/**
 * The forwarded method (X-Forwarded-Method, nginx's X-Original-Method, else the check request's own) and
 * URI (X-Forwarded-Uri, else X-Original-URI). A path the upstream could read two ways (dot segments,
 * encoded slashes, bad percent-encoding) is refused rather than guessed: 403, never a 5xx.
 */
export function readForwardedRequest(req: FastifyRequest, pathNeeded: boolean): ForwardedRequest {
  const method = header(req, 'x-forwarded-method') ?? header(req, 'x-original-method') ?? req.method;
  if (!METHOD.test(method)) throw refused('The forwarded method is not a valid HTTP method.');
  const uri = header(req, 'x-forwarded-uri') ?? header(req, 'x-original-uri');
  if (uri === undefined) {
    if (pathNeeded) throw refused('The gateway sent neither X-Forwarded-Uri nor X-Original-URI.');
    return { method, path: '' };
  }
  return { method, path: normalisedPath(uri) };
}

function normalisedPath(uri: string): string {
  const end = uri.search(/[?#]/);
  const raw = end === -1 ? uri : uri.slice(0, end);
  if (!RAW_PATH.test(raw)) throw refused('The forwarded URI is not an origin-form path.');
  const segments: string[] = [];
  for (const encoded of raw.split('/')) {
    if (encoded === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      throw refused('The forwarded URI has malformed percent-encoding.');
    }
    if (segment === '.' || segment === '..' || UNSAFE_SEGMENT.test(segment))
      throw refused('The forwarded URI has dot segments or encoded slashes.');
    segments.push(segment);
  }
  return segments.length === 0 ? '' : `/${segments.join('/')}`;
}

/** One header's value; a header sent twice (Fastify joins them, or an array) is refused. */
function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw refused(`The ${name} header was sent more than once.`);
  return v;
}

function refused(detail: string): DomainError {
  return DomainError.coded('permission_denied', detail);
}
