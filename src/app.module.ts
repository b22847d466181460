import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AdminModule } from './admin/admin.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { DrfValidationPipe } from './common/drf-validation.pipe';
import { AppConfigModule } from './config/config.module';
import { Configuration } from './config/configuration';
import { DatabaseModule } from './database/database.module';
import { GatewayModule } from './gateway/gateway.module';
import { HealthModule } from './health/health.module';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { MetricsModule } from './metrics/metrics.module';
import { AccessGuard } from './permissions/access.guard';
import { PermissionsModule } from './permissions/permissions.module';
import { RouteTable } from './http/route-table';
import { RedisModule } from './redis/redis.module';
import { SecureModule } from './secure/secure.module';
import { IpPolicyGuard } from './traffic/ip-policy.guard';
import { RateLimitGuard } from './traffic/rate-limit.guard';
import { TrafficModule } from './traffic/traffic.module';
import { UsersModule } from './users/users.module';

/**
 * The whole API. Global providers in a fixed order: the route's IP rules, throttling, the JWT guard
 * or API key (routes opt out with @Public()), the routes' declared permissions, the body pipe (DTOs in DRF's words), then the one exception filter.
 */
@Module({})
export class AppModule {
  static register(config: Configuration): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.register(config),
        DatabaseModule.forRoot('server'),
        RedisModule,
        MetricsModule,
        TrafficModule,
        UsersModule,
        PermissionsModule,
        ApiKeysModule,
        AuthModule,
        SecureModule,
        HealthModule,
        AdminModule,
        GatewayModule,
        HousekeepingModule,
      ],
      providers: [
        RouteTable,
        { provide: APP_GUARD, useExisting: IpPolicyGuard },
        { provide: APP_GUARD, useExisting: RateLimitGuard },
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        { provide: APP_GUARD, useExisting: AccessGuard },
        { provide: APP_PIPE, useClass: DrfValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
