import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AppConfigModule } from '../config/config.module';
import { Configuration } from '../config/configuration';
import { DatabaseModule } from '../database/database.module';
import { RedisModule } from '../redis/redis.module';
import { HousekeepingModule } from '../housekeeping/housekeeping.module';
import { MetricsModule } from '../metrics/metrics.module';
import { MfaModule } from '../mfa/mfa.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';

/**
 * What the manage.py-style commands need: config, the database, users, permissions, API keys and token
 * tables. No HTTP.
 */
@Module({})
export class CliModule {
  static register(config: Configuration, command: string): DynamicModule {
    return {
      module: CliModule,
      imports: [
        AppConfigModule.register(config),
        DatabaseModule.forRoot(`cli ${command}`),
        RedisModule,
        MetricsModule,
        UsersModule,
        MfaModule,
        PermissionsModule,
        ApiKeysModule,
        SessionsModule,
        HousekeepingModule,
      ],
    };
  }
}
