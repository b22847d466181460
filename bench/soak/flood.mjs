// The attacker phase's flood, from its own process so it does not slow the harness's probes:
// `node flood.mjs <url> <connections> <ms> <max requests> <addresses>`. Connection i comes from 127.0.2.(i % addresses + 1)
// (a loopback alias: a distinct client to the server) and sends one request with a bad bearer token after
// another, until the time is up or the request budget is spent. Prints {"statuses": {...}, "requests": n, "ms": t}.
import { Agent, request } from 'node:http';

const [url, connections, ms, max, addresses] = [process.argv[2], ...process.argv.slice(3, 7).map(Number)];
const statuses = {};
let requests = 0;
const started = Date.now();
const until = started + ms;
const count = (s) => (statuses[s] = (statuses[s] ?? 0) + 1);

function one(agent) {
  return new Promise((resolve) => {
    const req = request(
      url,
      { agent, headers: { Authorization: 'Bearer not.a.token' }, timeout: 10_000 },
      (res) => {
        count(res.statusCode);
        res.resume();
        res.on('end', resolve);
        res.on('error', resolve);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => {
      count(e.code ?? e.message);
      resolve();
    });
    req.end();
  });
}

async function connection(i) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.2.${(i % addresses) + 1}` });
  while (Date.now() < until && requests < max) {
    requests += 1;
    await one(agent);
  }
  agent.destroy();
}

await Promise.all(Array.from({ length: connections }, (_, i) => connection(i)));
process.stdout.write(JSON.stringify({ statuses, requests, ms: Date.now() - started }));
