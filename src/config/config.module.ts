import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppConfig } from './app.config';
import { Configuration } from './configuration';
import { DatabaseConfig } from './database.config';
import { JwtConfig } from './jwt.config';
import { RedisConfig } from './redis.config';

/** Provides each validated settings namespace by its class, so services inject typed config. */
@Global()
@Module({})
export class AppConfigModule {
  static register(config: Configuration): DynamicModule {
    const providers = [
      { provide: AppConfig, useValue: config.app },
      { provide: JwtConfig, useValue: config.jwt },
      { provide: DatabaseConfig, useValue: config.db },
      { provide: RedisConfig, useValue: config.redis },
      Clock,
    ];
    return { module: AppConfigModule, providers, exports: providers };
  }
}
