import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { settings } from './settings.mjs';

/**
 * One wrk run (a C generator, far cheaper per request than autocannon in this process). `spec` is
 * {method, path, headers, body, connections, chain}; `chain: {tokens}` runs one connection per thread,
 * each presenting its own refresh token and then the successor each 200 answers with (rotation).
 * A chain whose last request was in flight when the run stopped is spent: every run gets fresh heads.
 */
const lua = (s) => JSON.stringify(String(s)); // a JSON string is a valid Lua string literal here

function script(spec) {
  const lines = [`wrk.method = ${lua(spec.method ?? 'GET')}`];
  for (const [k, v] of Object.entries(spec.headers ?? {})) lines.push(`wrk.headers[${lua(k)}] = ${lua(v)}`);
  if (spec.body !== undefined && !spec.chain) lines.push(`wrk.body = ${lua(spec.body)}`);
  if (spec.chain) {
    lines.push(
      `local heads = {${spec.chain.tokens.map(lua).join(', ')}}`,
      'local n = 0',
      'function setup(thread)',
      '  n = n + 1',
      '  thread:set("token", heads[n])',
      'end',
      'function request()',
      '  return wrk.format(nil, nil, nil, \'{"refresh":"\' .. token .. \'"}\')',
      'end',
      'function response(status, headers, body)',
      '  if status == 200 then',
      '    local nxt = body:match(\'"refresh"%s*:%s*"([^"]+)"\')',
      '    if nxt then token = nxt end',
      '  end',
      'end',
    );
  }
  lines.push(
    'function done(summary, latency, requests)',
    '  local e = summary.errors',
    '  local out = string.format(\'{"requests":%d,"us":%d,"status":%d,"other":%d,"p50":%d,"p99":%d}\',',
    '    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,',
    '    latency:percentile(50), latency:percentile(99))',
    '  io.write("\\nWRK-JSON " .. out .. "\\n")',
    'end',
  );
  return lines.join('\n');
}

let seq = 0;

export function runWrk(url, spec, seconds) {
  const dir = join(settings.results, 'tmp', 'wrk');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `run-${process.pid}-${seq++}.lua`);
  writeFileSync(file, script(spec));
  const connections = spec.chain ? spec.chain.tokens.length : spec.connections;
  const threads = spec.chain ? connections : 1;
  const args = ['-t', threads, '-c', connections, '-d', `${Math.max(1, Math.round(seconds))}s`];
  args.push('--timeout', '10s', '-s', file, url + (spec.path ?? '/'));
  return new Promise((resolve, reject) => {
    execFile('wrk', args.map(String), { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      rmSync(file, { force: true });
      const m = /^WRK-JSON (.*)$/m.exec(stdout);
      if (err || !m) return reject(new Error(`wrk ${args.join(' ')}: ${err?.message ?? ''} ${stderr}`));
      const r = JSON.parse(m[1]);
      const secs = r.us / 1e6;
      const ok = r.requests - r.status;
      resolve({
        rps: ok / secs,
        p50: r.p50 / 1000,
        p99: r.p99 / 1000,
        ok,
        non2xx: r.status,
        errors: r.other,
      });
    });
  });
}
