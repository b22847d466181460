import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ApiKeysConfig } from './api-keys.config';
import { AppConfig } from './app.config';
import { BruteForceConfig } from './brute-force.config';
import { Configuration } from './configuration';
import { DatabaseConfig } from './database.config';
import { GatewayConfig } from './gateway.config';
import { JwtConfig } from './jwt.config';
import { MfaConfig } from './mfa.config';
import { NetworkConfig } from './network.config';
import { OverloadConfig } from './overload.config';
import { RedisConfig } from './redis.config';
import { SessionsConfig } from './sessions.config';
import { ThrottleConfig } from './throttle.config';

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
      { provide: SessionsConfig, useValue: config.sessions },
      { provide: ApiKeysConfig, useValue: config.apiKeys },
      { provide: ThrottleConfig, useValue: config.traffic.throttle },
      { provide: BruteForceConfig, useValue: config.traffic.bruteForce },
      { provide: NetworkConfig, useValue: config.traffic.network },
      { provide: OverloadConfig, useValue: config.traffic.overload },
      { provide: GatewayConfig, useValue: config.gateway },
      { provide: MfaConfig, useValue: config.mfa },
      Clock,
    ];
    return { module: AppConfigModule, providers, exports: providers };
  }
}
