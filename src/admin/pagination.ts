import { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';

/** DRF's PageNumberPagination page size for the admin lists. */
export const PAGE_SIZE = 20;

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export const INVALID_PAGE = 'Invalid page.';
export const invalidPage = (): DomainError => new DomainError('not_found', { detail: INVALID_PAGE });

/** The last value of a query parameter (Django's QueryDict.get), undefined when absent. */
export function queryValue(req: FastifyRequest, name: string): string | undefined {
  const v = (req.query as Record<string, unknown> | undefined)?.[name];
  const last = Array.isArray(v) ? (v as unknown[])[v.length - 1] : v;
  return typeof last === 'string' ? last : undefined;
}

/** A text query parameter ('' when absent); NUL characters are a 400 field error, never a database error. */
export function textQuery(req: FastifyRequest, name: string, maxLength: number): string {
  const v = (queryValue(req, name) ?? '').trim();
  if (v.includes('\0')) throw DomainError.fields({ [name]: ['Null characters are not allowed.'] });
  return v.slice(0, maxLength);
}

/**
 * `?page=`: absent or blank is 1, `last` the last page (DRF's last_page_strings); anything but a
 * positive integer is 404 "Invalid page." as DRF answers.
 */
function pageNumber(req: FastifyRequest): number | 'last' {
  const raw = queryValue(req, 'page');
  if (raw === undefined || raw === '') return 1;
  if (raw === 'last') return raw;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw invalidPage();
  return Number(raw);
}

/**
 * The page `?page=` asks for and its rows, loaded by `load(limit, offset)`. `last` needs the count
 * first: page 1 is loaded, then the last page when there are more.
 */
export async function pageOf<T>(
  req: FastifyRequest,
  load: (limit: number, offset: number) => Promise<{ count: number; rows: T[] }>,
): Promise<{ page: number; count: number; rows: T[] }> {
  const asked = pageNumber(req);
  if (asked !== 'last') return { page: asked, ...(await load(PAGE_SIZE, (asked - 1) * PAGE_SIZE)) };
  const first = await load(PAGE_SIZE, 0);
  const last = Math.max(1, Math.ceil(first.count / PAGE_SIZE));
  return last === 1
    ? { page: 1, ...first }
    : { page: last, ...(await load(PAGE_SIZE, (last - 1) * PAGE_SIZE)) };
}

/**
 * DRF's paginated body; a page past the last is 404 "Invalid page." (page 1 of nothing is fine).
 * Links are relative, or absolute under `publicUrl` (PUBLIC_URL): never built from the Host header.
 */
export function paginate<T>(
  req: FastifyRequest,
  page: number,
  count: number,
  results: T[],
  publicUrl: string | undefined,
): Page<T> {
  const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
  if (page > pages) throw invalidPage();
  return {
    count,
    next: page < pages ? linkTo(req, page + 1, publicUrl) : null,
    previous: page > 1 ? linkTo(req, page - 1, publicUrl) : null,
    results,
  };
}

/** The request's path and query with `page` replaced (removed for page 1, as DRF does). */
function linkTo(req: FastifyRequest, page: number, publicUrl: string | undefined): string {
  // A fixed placeholder origin: only the path and query of the request are used.
  const url = new URL(req.url, 'http://localhost');
  if (page === 1) url.searchParams.delete('page');
  else url.searchParams.set('page', String(page));
  return `${publicUrl ?? ''}${url.pathname}${url.search}`;
}
