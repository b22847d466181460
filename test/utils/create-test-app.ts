import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { DynamicModule, Type } from '@nestjs/common';
import { mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../src/app.module';
import { configureApp, createAdapter, createLogger } from '../../src/app.setup';
import { Configuration, loadConfiguration } from '../../src/config/configuration';
import { Env } from '../../src/config/env.parsers';
import { preparedDataDir } from './embedded-db';

export const TEST_SIGNING_KEY = 'bastion-e2e-signing-key-0123456789abcdef0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  config: Configuration;
  /** The server's base URL, for raw-socket tests (only after `listen: true`). */
  url: string;
  close(): Promise<void>;
}

/** True when the e2e suite also runs on a real PostgreSQL (TEST_DATABASE_URL). */
export const onPostgres = (): boolean => Boolean(process.env.TEST_DATABASE_URL);

/**
 * The whole AppModule + configureApp, exactly as main.ts builds it, with test settings: a fixed HS256
 * key, silent logs (or `logStream` at LOG_LEVEL) and, unless TEST_DATABASE_URL is set, a private embedded database (a prepared copy).
 */
export async function createTestApp(
  env: Env = {},
  opts: { listen?: boolean; logStream?: DestinationStream; controllers?: Type[] } = {},
): Promise<TestApp> {
  const base: Env = {
    JWT_SIGNING_KEY: TEST_SIGNING_KEY,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    // Traffic protection is off unless a test turns it on (test/traffic-*.e2e-spec.ts do).
    THROTTLE_ENABLED: 'false',
    BRUTE_FORCE_ENABLED: 'false',
    // Load shedding too: the tests share this process with the app, so their own work would shed it.
    OVERLOAD_MAX_EVENT_LOOP_DELAY: '0',
  };
  if (process.env.TEST_DATABASE_URL) {
    base.DATABASE_URL = process.env.TEST_DATABASE_URL;
    base.DATA_DIR = mkdtempSync(join(tmpdir(), 'bastion-e2e-'));
  } else if (env.DATA_DIR === undefined) {
    base.DATA_DIR = mkdtempSync(join(tmpdir(), 'bastion-e2e-'));
    renameSync(await preparedDataDir(), join(base.DATA_DIR, 'pglite'));
  }
  const config = loadConfiguration({ ...base, ...env });
  const app = await NestFactory.create<NestFastifyApplication>(
    withControllers(AppModule.register(config), opts.controllers),
    createAdapter(config, createLogger(config, { destination: opts.logStream })),
    { logger: false, bodyParser: false, abortOnError: false },
  );
  try {
    await configureApp(app, config);
  } catch (e) {
    await app.close(); // a start that fails (a taken port) leaves nothing open behind it
    throw e;
  }
  let url = '';
  if (opts.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = await app.getUrl();
    url = url.replace('[::1]', '127.0.0.1');
  } else {
    await app.getHttpAdapter().getInstance().ready();
  }
  return { app, http: request(app.getHttpServer()), config, url, close: () => app.close() };
}

/** AppModule plus a test's own controllers (what a team adds beside Bastion's), in a module of the test's. */
function withControllers(app: DynamicModule, controllers: Type[] | undefined): DynamicModule {
  if (!controllers?.length) return app;
  class TestControllersModule {}
  return { module: TestControllersModule, imports: [app], controllers };
}
