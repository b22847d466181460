import { IncomingHttpHeaders, request } from 'node:http';

/** What a raw request got back, and how long it took. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: unknown;
  ms: number;
}

/** The i-th extra loopback source address (127.0.0.2, 127.0.0.3, ...): a distinct client to the server. */
export const loopback = (i: number): string => `127.0.0.${i + 2}`;

/**
 * One HTTP request to a listening test app (`createTestApp(env, { listen: true })`) from source
 * address `from`, on a fresh connection, so the server sees that address as the client.
 */
export function requestFrom(
  baseUrl: string,
  from: string,
  method: string,
  path: string,
  opts: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers: Record<string, string> = { ...opts.headers };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, baseUrl),
      { method, headers, localAddress: from, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            /* not JSON: keep the text */
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            ms: performance.now() - started,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
