import { createServer } from 'node:http';

/** The ceiling of scenario 1: bare node:http answering the same JSON as GET /api/secure/. */
const body = JSON.stringify({ message: 'This is a secure endpoint.' });
const port = Number(process.env.PORT ?? 3150);

createServer((req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}).listen(port, '127.0.0.1');

process.on('SIGTERM', () => process.exit(0));
