// A sample upstream API: answers every request with what it received from the gateway, so you see
// the identity headers your API gets, and logs one JSON line per request on standard output. `node deploy/upstream/echo.mjs` (PORT, default 8080; HOST,
// default 127.0.0.1). Values are percent-encoded where not printable ASCII: decodeURIComponent them.
import { createServer } from 'node:http';

const IDENTITY = [
  'remote-user',
  'remote-user-id',
  'remote-name',
  'remote-email',
  'remote-groups',
  'remote-permissions',
  'remote-auth-scheme',
  'remote-session',
];

const server = createServer((req, res) => {
  const identity = Object.fromEntries(
    IDENTITY.filter((h) => h in req.headers).map((h) => [h, req.headers[h]]),
  );
  const body = JSON.stringify({
    method: req.method,
    url: req.url,
    identity,
    forwardedFor: req.headers['x-forwarded-for'] ?? null,
    authorization: 'authorization' in req.headers,
  });
  process.stdout.write(`${body}\n`);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(`echo upstream listening on ${port}\n`);
});
