import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DatabaseConfig } from '../config/database.config';
import { Public } from '../common/public.decorator';
import { SkipThrottling } from '../traffic/throttle.decorators';

@ApiTags('health')
@Public()
@SkipThrottling()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly dbConfig: DatabaseConfig,
  ) {}

  @Get('live')
  @ApiOperation({
    summary: 'The process is up',
    description: 'Liveness probe: answers without touching the database. Never throttled.',
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
    summary: 'The database answers (503 otherwise)',
    description: 'Readiness probe: one ping of the database within DB_TIMEOUT. Never throttled.',
  })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.db.pingCheck('database', { timeout: this.dbConfig.timeoutMs })]);
  }
}
