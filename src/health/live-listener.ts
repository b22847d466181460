import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MSG } from '../common/errors';
import { AppConfig } from '../config/app.config';

const WORKER_SCRIPT = join(__dirname, 'live-worker.js');
/** How often the main loop proves it runs; a beat is late by as much as the loop lags. */
const BEAT_MS = 200;

/**
 * With HEALTH_PORT: GET /health/live also on that port, served by a worker thread (src/health/live-worker.js)
 * with its own event loop and accept queue, so a flood on the API port does not delay it. It answers 200
 * while the main loop's heartbeat (written here every BEAT_MS into shared memory) is at most
 * HEALTH_LIVE_MAX_STALL old, 503 after: a wedged process is still restarted. Closed with the app.
 */
export async function serveLiveness(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  if (config.healthPort === undefined) return;
  const beat = new BigInt64Array(new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT));
  const pulse = (): void => void Atomics.store(beat, 0, process.hrtime.bigint());
  pulse();
  const worker = new Worker(WORKER_SCRIPT, {
    workerData: {
      port: config.healthPort,
      host: config.host,
      maxStallMs: config.liveMaxStallMs,
      beat: beat.buffer,
      unavailable: MSG.serviceUnavailable,
    },
  });
  try {
    await listening(worker, config.healthPort);
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  const timer = setInterval(pulse, BEAT_MS).unref();
  worker.unref(); // never what keeps the process alive
  const fastify = app.getHttpAdapter().getInstance();
  // A worker that dies leaves HEALTH_PORT refusing connections: the probe fails, the process is restarted.
  worker.on('error', (e) => fastify.log.error({ err: e }, 'the HEALTH_PORT liveness worker failed'));
  fastify.addHook('onClose', async () => {
    clearInterval(timer);
    await worker.terminate();
  });
}

/** Resolves once the worker listens; rejects naming HEALTH_PORT when it cannot (port taken, no permission). */
function listening(worker: Worker, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => reject(new Error(`HEALTH_PORT ${port}: ${why}`));
    worker.once('message', (m: { listening?: number; error?: string }) =>
      m.error === undefined ? resolve() : fail(m.error),
    );
    worker.once('error', (e) => fail(e.message));
    worker.once('exit', (code) => fail(`the liveness worker exited (${code})`));
  });
}
