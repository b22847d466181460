import fc from 'fast-check';

/**
 * Property-based fuzzing of the request surface with fast-check: random methods, paths, Authorization
 * headers, tokens (valid, tampered, forged, junk), content types and bodies. Every answer must be below 500,
 * carry no stack trace, and come back within the per-request timeout.
 */
const PATHS = [
  '/api/token/',
  '/api/token/refresh/',
  '/api/token/verify/',
  '/api/token/blacklist/',
  '/api/token/sliding/',
  '/api/token/sliding/refresh/',
  '/api/secure/',
  '/api/users/',
  '/api/users/me/',
  '/api/users/me/password/',
  '/api/sessions/',
  '/api/sessions/revoke-all/',
  '/api/sessions/x/',
  '/api/admin/users/',
  '/api/admin/users/1/',
  '/api/admin/users/1/revoke-sessions/',
  '/api/admin/events/',
  '/health/live',
  '/health/ready',
  '/.well-known/jwks.json',
];
const STACK = /\n\s+at \S|node_modules|\/src\/\S+\.[jt]s|\.[jt]s:\d+:\d+|QueryFailedError|TypeError:/;
const TIMEOUT_MS = 5000;
const printable = fc.string({
  unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))),
  maxLength: 200,
});
const b64url = (o) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');

function tokens(valid) {
  const tamper = (t) =>
    fc.nat({ max: t.length - 1 }).map((i) => t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1));
  const forged = fc
    .record({ alg: fc.constantFrom('none', 'HS256', 'RS256', 'ES256', 'HS512', ''), claims: fc.jsonValue() })
    .map(
      ({ alg, claims }) =>
        `${b64url({ alg, typ: 'JWT' })}.${b64url(claims ?? null)}.${alg === 'none' ? '' : b64url('sig')}`,
    );
  return fc.oneof(
    fc.constantFrom(...valid),
    ...valid.map(tamper),
    forged,
    printable,
    fc.constant('a'.repeat(9000)),
  );
}

function request(valid) {
  const token = tokens(valid);
  const field = fc.oneof(token, fc.jsonValue(), fc.constant(null), printable);
  const jsonBody = fc
    .oneof(
      fc.record({ username: field, password: field, refresh: field, token: field }, { requiredKeys: [] }),
      fc.jsonValue(),
    )
    .map((v) => JSON.stringify(v));
  return fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    path: fc.oneof(
      fc.constantFrom(...PATHS),
      fc.tuple(fc.constantFrom(...PATHS), fc.webSegment()).map(([p, s]) => p + s),
      fc.webPath(),
    ),
    auth: fc.option(
      fc.oneof(
        token.map((t) => `Bearer ${t}`),
        fc.tuple(printable, token).map(([s, t]) => `${s} ${t}`),
        printable,
      ),
    ),
    type: fc.constantFrom(
      'application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain',
      'application/json; charset=latin1',
    ),
    body: fc.oneof(
      jsonBody,
      printable,
      fc.constant('{"refresh":'),
      fc.constant('--x\r\nContent-Disposition: form-data; name="refresh"\r\n\r\nabc\r\n--x--'),
    ),
  });
}

async function send(url, r) {
  const headers = { 'content-type': r.type };
  if (r.auth !== null) headers.authorization = r.auth;
  const withBody = !['GET', 'OPTIONS'].includes(r.method);
  const t = Date.now();
  try {
    const res = await fetch(url + r.path, {
      method: r.method,
      headers,
      body: withBody ? r.body : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return { status: res.status, text: await res.text(), ms: Date.now() - t };
  } catch (e) {
    return {
      status: 0,
      text: '',
      ms: Date.now() - t,
      error: e.name === 'TimeoutError' ? 'timeout (hang)' : (e.cause?.code ?? e.message),
    };
  }
}

/** Runs `numRuns` requests against `url`; returns {runs, statuses, ok, failure}. */
export async function fuzz(url, validTokens, numRuns) {
  const statuses = {};
  let runs = 0;
  const property = fc.asyncProperty(request(validTokens), async (r) => {
    const res = await send(url, r);
    runs++;
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.error) throw new Error(`${r.method} ${r.path}: ${res.error}`);
    if (res.status >= 500) throw new Error(`${r.method} ${r.path}: ${res.status} ${res.text.slice(0, 300)}`);
    if (STACK.test(res.text))
      throw new Error(`${r.method} ${r.path}: stack trace in body: ${res.text.slice(0, 300)}`);
  });
  try {
    await fc.assert(property, { numRuns, endOnFailure: true });
    return { runs, statuses, ok: true };
  } catch (e) {
    return { runs, statuses, ok: false, failure: String(e.message).slice(0, 1500) };
  }
}
