import { createHmac, randomUUID } from 'node:crypto';
import * as net from 'node:net';
import { Response } from 'supertest';
import { TEST_SIGNING_KEY } from './create-test-app';

/** Helpers of the contract e2e specs: forged tokens, raw HTTP, the contract's common assertions. */

export const REALM = 'Bearer realm="api"';
export const P = {
  obtain: '/api/token/',
  refresh: '/api/token/refresh/',
  verify: '/api/token/verify/',
  blacklist: '/api/token/blacklist/',
  sliding: '/api/token/sliding/',
  slidingRefresh: '/api/token/sliding/refresh/',
  secure: '/api/secure/',
} as const;

export const TOKEN_PATHS = [P.obtain, P.refresh, P.verify, P.blacklist, P.sliding, P.slidingRefresh];

export const b64url = (v: unknown): string =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

export const hs = (input: string, key = TEST_SIGNING_KEY, alg = 'sha256'): string =>
  createHmac(alg, key).update(input).digest('base64url');

/** A token signed with the test key (or `key`), from any header and payload (objects are JSON-encoded). */
export function forge(
  payload: unknown,
  header: unknown = { alg: 'HS256', typ: 'JWT' },
  key = TEST_SIGNING_KEY,
): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${hs(input, key)}`;
}

export const nowS = (): number => Math.floor(Date.now() / 1000);
export const newJti = (): string => randomUUID().replace(/-/g, '');

/** Well-formed claims of a token of `type` for `userId`, then `over` (a value `undefined` deletes the claim). */
export function claims(
  type: string,
  userId: unknown,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = nowS();
  const c: Record<string, unknown> = { token_type: type, exp: now + 300, iat: now, jti: newJti() };
  if (type === 'sliding') c.refresh_exp = now + 86400;
  c.user_id = userId;
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete c[k];
    else c[k] = v;
  }
  return c;
}

/** `{"detail": D, "code": "token_not_valid"}` with the realm header. */
export function expectTokenNotValid(res: Response, detail: string): void {
  expect401(res, { detail, code: 'token_not_valid' });
}

export function expect401(res: Response, body: unknown): void {
  expect({ status: res.status, body: res.body as unknown }).toEqual({ status: 401, body });
  expect(res.headers['www-authenticate']).toBe(REALM);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
}

/** A status that is not 401 and a JSON body; no WWW-Authenticate. */
export function expectStatus(res: Response, status: number, body?: unknown): void {
  expect({ status: res.status, body: body === undefined ? undefined : (res.body as unknown) }).toEqual({
    status,
    body,
  });
  if (status !== 401) expect(res.headers['www-authenticate']).toBeUndefined();
  if (status !== 204 && res.headers['content-length'] !== '0')
    expect(res.headers['content-type']).toMatch(/^application\/json/);
}

/** The secure endpoint's answer for a token that fails AccessToken validation with message M. */
export const rejected = (message: string) => ({
  detail: 'Given token not valid for any token type',
  code: 'token_not_valid',
  messages: [{ token_class: 'AccessToken', token_type: 'access', message }],
});

export function expectSecurityHeaders(headers: Record<string, string | string[] | undefined>): void {
  expect(String(headers['x-frame-options']).toUpperCase()).toMatch(/^(DENY|SAMEORIGIN)$/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toEqual(expect.any(String));
}

export interface RawResponse {
  status: number;
  headers: Record<string, string[]>;
  body: string;
  /** The whole response text (for several pipelined answers). */
  text: string;
}

/**
 * Sends `payload` as-is on a fresh TCP connection and reads until the server closes (or `timeoutMs`
 * passes), so requests no HTTP client would produce can be sent. Parses the first response.
 */
export function rawHttp(
  url: string,
  payload: string | Buffer | (string | Buffer)[],
  timeoutMs = 5000,
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      const parts = Array.isArray(payload) ? payload : [payload];
      for (const p of parts) socket.write(p);
    });
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      try {
        resolve(parseRaw(text));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', (e: NodeJS.ErrnoException) =>
      chunks.length > 0 || e.code === 'ECONNRESET' || e.code === 'EPIPE' ? done() : reject(e),
    );
  });
}

function parseRaw(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no HTTP response: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers: Record<string, string[]> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    const name = line.slice(0, i).trim().toLowerCase();
    (headers[name] ??= []).push(line.slice(i + 1).trim());
  }
  let body = text.slice(end + 4);
  const length = headers['content-length']?.[0];
  if (length !== undefined) body = body.slice(0, Number(length));
  else if (headers['transfer-encoding']?.[0] === 'chunked') body = unchunk(body);
  return { status, headers, body, text };
}

function unchunk(s: string): string {
  let out = '';
  let rest = s;
  for (;;) {
    const i = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, i), 16);
    if (!size) return out;
    out += rest.slice(i + 2, i + 2 + size);
    rest = rest.slice(i + 4 + size);
  }
}

/** A raw HTTP/1.1 request text with `Connection: close`. */
export function rawRequest(method: string, path: string, headers: string[], body = ''): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...headers];
  if (body !== '' && !headers.some((h) => /^(content-length|transfer-encoding):/i.test(h))) {
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
