import './gc-tuning';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { AppModule } from './app.module';
import { configureApp, createAdapter, createLogger } from './app.setup';
import { ConfigError, loadConfiguration } from './config/configuration';
import { startBanner, startFacts } from './start-banner';

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfiguration(process.env);
  const human = Boolean(process.stdout.isTTY) && !config.app.production;
  const logger = createLogger(config, { pretty: human });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config),
    createAdapter(config, logger),
    // Our own body parsers (src/http/body-parsers.ts) handle every media type: none of Nest's.
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  await configureApp(app, config);
  app.flushLogs(); // Nest's start lines before Fastify's "listening", not after
  await app.listen({ port: config.app.port, host: config.app.host });
  const scheme = config.traffic.network.tls ? 'https' : 'http';
  const facts = startFacts(config, `${scheme}://${config.app.host}:${config.app.port}`);
  if (human) process.stdout.write(`${startBanner(facts)}\n`);
  else logger.info(facts, `Bastion listening on ${facts.url}`);
}

bootstrap().catch((e: unknown) => {
  if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
  else process.stderr.write(`Bastion failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
