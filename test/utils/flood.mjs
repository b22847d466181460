// A flood of requests with a bad bearer token, from its own process: `node flood.mjs <url> <connections> <ms>`.
// Every connection sends one request after another until the time is up; prints {"statuses": {...}, "requests": n}.
import { Agent, request } from 'node:http';

const [url, connections, ms] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const statuses = {};
let requests = 0;
const until = Date.now() + ms;

function one() {
  return new Promise((resolve) => {
    const req = request(url, { agent, headers: { Authorization: 'Bearer not.a.token' } }, (res) => {
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      res.resume();
      res.on('end', resolve);
      res.on('error', resolve);
    });
    req.on('error', (e) => {
      statuses[e.code ?? 'error'] = (statuses[e.code ?? 'error'] ?? 0) + 1;
      resolve();
    });
    req.end();
  });
}

async function worker() {
  while (Date.now() < until) {
    requests += 1;
    await one();
  }
}

await Promise.all(Array.from({ length: connections }, worker));
agent.destroy();
process.stdout.write(JSON.stringify({ statuses, requests }));
