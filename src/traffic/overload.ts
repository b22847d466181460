import underPressure from '@fastify/under-pressure';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { MSG } from '../common/errors';
import { OverloadConfig } from '../config/overload.config';

/** Liveness must answer while we shed: an orchestrator would restart a process that is merely busy. */
const EXEMPT = /^\/health\/live(?:[/?#]|$)/;
/** How often the event-loop delay is sampled: the shedding reacts within about this long. */
const SAMPLE_MS = 250;

/**
 * Load shedding with @fastify/under-pressure: while the event loop's mean delay is above
 * OVERLOAD_MAX_EVENT_LOOP_DELAY, every request but /health/live gets a 503 in the contract's shape
 * (`service_unavailable`, Retry-After) from the first onRequest hooks, before any parsing, Redis or
 * database work, so the backlog drains instead of every request timing out. 0 turns it off.
 */
export async function registerOverloadShedding(
  app: NestFastifyApplication,
  config: OverloadConfig,
): Promise<void> {
  if (config.maxEventLoopDelayMs === 0) return;
  const refusal = (): DomainError =>
    DomainError.coded('service_unavailable', MSG.serviceUnavailable, {
      'Retry-After': String(config.retryAfterSeconds),
    });
  await app.register(underPressure, {
    maxEventLoopDelay: config.maxEventLoopDelayMs,
    sampleInterval: SAMPLE_MS,
    pressureHandler: (req: FastifyRequest) =>
      EXEMPT.test(req.url) ? Promise.resolve() : Promise.reject(refusal()),
  });
}
