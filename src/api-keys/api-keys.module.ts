import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PermissionsModule } from '../permissions/permissions.module';
import { RevocationModule } from '../revocation/revocation.module';
import { SecurityEventsModule } from '../security-events/security-events.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { ApiKeyCache } from './api-key.cache';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyStrategy } from './api-key.strategy';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyEntity } from './entities/api-key.entity';

/**
 * API keys for machines (the api_key table): /api/keys/ to create, list and revoke one's keys, and the
 * Passport strategy that authenticates `Authorization: Api-Key <key>` behind the global guard.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ApiKeyEntity]),
    UsersModule,
    PermissionsModule,
    RevocationModule,
    SecurityEventsModule,
    SessionsModule,
  ],
  controllers: [ApiKeysController],
  providers: [ApiKeyRepository, ApiKeyCache, ApiKeyAuthenticator, ApiKeyStrategy, ApiKeysService],
  exports: [ApiKeyStrategy, ApiKeysService],
})
export class ApiKeysModule {}
