'use strict';
/**
 * The HEALTH_PORT listener (src/health/live-listener.ts): a worker thread with its own event loop and its own
 * accept queue, so GET /health/live is answered while the main event loop is busy with a flood. Plain
 * JavaScript, so the same file runs from src/ (ts-jest) and from dist/ (tsconfig.build.json copies it).
 *
 * It tells the truth about the main loop: the main thread writes a heartbeat (process.hrtime in ns) into
 * `workerData.beat` every few hundred ms; when the last one is older than `maxStallMs` the main loop is
 * wedged, and the probe answers 503 so the orchestrator restarts the process.
 * workerData: { port, host, maxStallMs, beat: SharedArrayBuffer (one BigInt64), unavailable: detail text }.
 * Posts { listening: port } once listening, or { error } when it cannot listen.
 */
const { createServer } = require('node:http');
const { isMainThread, parentPort, workerData } = require('node:worker_threads');

const PATH = /^\/health\/live\/?(?:\?.*)?$/;

/** The answer of a liveness probe, `sinceBeatMs` after the main loop's last heartbeat. */
function liveVerdict(sinceBeatMs, maxStallMs, unavailable) {
  if (sinceBeatMs <= maxStallMs) return { status: 200, body: { status: 'ok' } };
  return {
    status: 503,
    body: {
      detail: unavailable,
      code: 'service_unavailable',
      event_loop_stalled_ms: Math.round(sinceBeatMs),
    },
  };
}

function answer(req, res, data, beat) {
  const json = (status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : text);
  };
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !PATH.test(req.url ?? '')) {
    return json(404, { detail: 'Not found.' });
  }
  const sinceBeatMs = Number(process.hrtime.bigint() - Atomics.load(beat, 0)) / 1e6;
  const verdict = liveVerdict(sinceBeatMs, data.maxStallMs, data.unavailable);
  json(verdict.status, verdict.body);
}

function serve(data) {
  const beat = new BigInt64Array(data.beat);
  const server = createServer(
    { requestTimeout: 5000, headersTimeout: 5000, keepAliveTimeout: 5000 },
    (req, res) => answer(req, res, data, beat),
  );
  server.on('clientError', (_e, socket) => socket.destroy());
  server.once('error', (e) => parentPort.postMessage({ error: `${e.code ?? 'error'} (${e.message})` }));
  server.listen(data.port, data.host, () => parentPort.postMessage({ listening: server.address().port }));
}

if (!isMainThread && workerData?.beat) serve(workerData);
