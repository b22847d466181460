import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';

/** Keys in the Redis database of `url` (evidence that an instance really keeps its counters there). */
export async function redisKeyCount(url) {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    return await client.dbsize();
  } finally {
    client.disconnect();
  }
}

/** The soak's own redis-server (never the machine's shared one): started, stopped and restarted on `port`. */
export class OwnRedis {
  constructor(port) {
    this.port = port;
    this.url = `redis://127.0.0.1:${port}/0`;
  }

  start() {
    execFileSync('redis-server', [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
    ]);
    return this.waitUntil(true);
  }

  stop() {
    execFileSync('redis-cli', ['-p', String(this.port), 'shutdown', 'nosave']);
    return this.waitUntil(false);
  }

  async waitUntil(up) {
    for (let i = 0; i < 100; i++) {
      let pong = false;
      try {
        pong =
          execFileSync('redis-cli', ['-p', String(this.port), 'ping'], {
            encoding: 'utf8',
            stdio: 'pipe',
          }).trim() === 'PONG';
      } catch {
        pong = false;
      }
      if (pong === up) return;
      await sleep(100);
    }
    throw new Error(`redis-server on ${this.port} did not ${up ? 'start' : 'stop'}`);
  }
}
