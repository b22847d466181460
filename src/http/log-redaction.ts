import pino from 'pino';

/** A JWS/JWE-looking value: base64url JSON header (`eyJ`) and its segments, also with `%2E` dots. */
const JWT_LIKE = /eyJ[A-Za-z0-9_-]*(?:(?:\.|%2[Ee])[A-Za-z0-9_-]*)*/g;
/**
 * An API key (`<12 base64url>.<43 base64url>`, see src/api-keys/api-key.ts), also with a `%2E` dot;
 * the prefix alone is public and stays readable when it stands apart.
 */
const API_KEY_LIKE = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{12}(?:\.|%2[Ee])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
/** A query parameter name worth keeping in a log line (`page`, `search`); anything else is hidden too. */
const PLAIN_NAME = /^[A-Za-z0-9_.[\]-]{1,32}$/;
export const REDACTED = '[REDACTED]';

/** Replaces every token-looking value in `text`: JWTs and API keys. */
export function redactTokens(text: string): string {
  const clean = text.includes('eyJ') ? text.replace(JWT_LIKE, REDACTED) : text;
  return clean.length >= 56 ? clean.replace(API_KEY_LIKE, REDACTED) : clean;
}

/** A URL fit for a log line: query values replaced (names kept when plain), token-like path parts replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = redactTokens(q === -1 ? url : url.slice(0, q));
  if (q === -1) return path;
  const query = url.slice(q + 1).replace(/[^&]+/g, (pair) => {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    return PLAIN_NAME.test(name) && !name.includes('eyJ') ? `${name}=${REDACTED}` : REDACTED;
  });
  return `${path}?${query}`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * pino serializers for request logs: Fastify's `req` fields with the URL redacted, and errors with
 * token-like values removed from their message and stack.
 */
export const redactingSerializers: pino.LoggerOptions['serializers'] = {
  req: (req: LoggedRequest) => ({
    method: req.method,
    url: redactUrl(req.url ?? ''),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
  err: (err: Error) => {
    const out = pino.stdSerializers.err(err);
    return { ...out, message: redactTokens(out.message), stack: redactTokens(out.stack) };
  },
};

/** pino's logMethod hook: token-like values in message strings are replaced before they are written. */
export function redactMessages(this: pino.Logger, args: Parameters<pino.LogFn>, method: pino.LogFn): void {
  const clean = args.map((a) => (typeof a === 'string' ? redactTokens(a) : a)) as Parameters<pino.LogFn>;
  method.apply(this, clean);
}
