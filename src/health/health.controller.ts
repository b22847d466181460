import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorResult,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { AppConfig } from '../config/app.config';
import { DatabaseConfig } from '../config/database.config';
import { DomainError } from '../common/domain-error';
import { MSG } from '../common/errors';
import { Public } from '../common/public.decorator';
import { SkipThrottling } from '../traffic/throttle.decorators';
import { RedisHealth } from './redis.health';

/**
 * Liveness answers from memory (no database, no Redis; exempt from load shedding). Readiness checks
 * the database, and Redis when it is required or the fallback is active, each bounded by
 * HEALTH_READY_TIMEOUT: a slow dependency is reported down, never a slow probe.
 */
@ApiTags('health')
@Public()
@SkipThrottling()
@Controller('health')
export class HealthController {
  private readonly timeoutMs: number;

  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealth,
    app: AppConfig,
    database: DatabaseConfig,
  ) {
    this.timeoutMs = Math.min(app.readyTimeoutMs, database.timeoutMs);
  }

  @Get('live')
  @ApiOperation({
    summary: 'The process is up',
    description:
      'Liveness probe: answers from memory, never waiting on the database or Redis; exempt from load shedding. Never throttled.',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['status'],
      properties: { status: { type: 'string', example: 'ok' } },
    },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'The database (and Redis when required) answers in time (503 otherwise)',
    description:
      'Readiness probe: the database, and Redis when it is required (THROTTLE_FAIL_OPEN=false) or its ' +
      'in-memory fallback is active, each within HEALTH_READY_TIMEOUT. Never throttled.',
  })
  async ready(): Promise<HealthCheckResult> {
    const [database, redis] = await Promise.all([
      this.bounded('database', () => this.db.pingCheck('database', { timeout: this.timeoutMs })),
      this.bounded('redis', () => this.redis.check()),
    ]);
    const checks: HealthIndicatorFunction[] = [database, redis]
      .filter((r): r is HealthIndicatorResult => r !== null)
      .map((r) => () => r);
    try {
      return await this.health.check(checks);
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      // The contract's 503 body, with Terminus' report of what is down.
      const report = e.getResponse() as Record<string, unknown>;
      const body = { detail: MSG.serviceUnavailable, code: 'service_unavailable', ...report };
      throw new DomainError('service_unavailable', body);
    }
  }

  /** The check's result, or `key` down when it failed or did not answer within the readiness timeout. */
  private bounded(
    key: string,
    check: () => Promise<HealthIndicatorResult | null>,
  ): Promise<HealthIndicatorResult | null> {
    const down = (message: string): HealthIndicatorResult => ({ [key]: { status: 'down', message } });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<HealthIndicatorResult>((resolve) => {
      timer = setTimeout(() => resolve(down(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    const answer = check().catch((e: unknown) => down(e instanceof Error ? e.message : 'failed'));
    return Promise.race([answer, late]).finally(() => clearTimeout(timer));
  }
}
