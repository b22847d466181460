import { Socket } from 'node:net';

/** The security headers that matter on an error, for answers written before Fastify's hooks run. */
export const ERROR_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

const ANSWERS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'Request header fields too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'Request timeout.'],
};
const BAD_REQUEST: [number, string, string] = [400, 'Bad Request', 'Bad request.'];

/**
 * Fastify's clientErrorHandler: what Node's HTTP parser refuses (a header block over the limit, a
 * malformed request line, conflicting Content-Length / Transfer-Encoding) gets the contract's JSON
 * `{"detail": …}` and the security headers instead of Fastify's `{"error", "message", "statusCode"}`.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, detail] = ANSWERS[err.code ?? ''] ?? BAD_REQUEST;
  const body = JSON.stringify({ detail });
  const headers = Object.entries(ERROR_SECURITY_HEADERS)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `${headers}Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
