import { Module } from '@nestjs/common';
import { SecurityEventsModule } from '../security-events/security-events.module';
import { UsersModule } from '../users/users.module';
import { AccessGate } from './access-gate';
import { MySessionsService } from './my-sessions.service';
import { PasswordController } from './password.controller';
import { RevocationBus } from './revocation-bus';
import { RevocationService } from './revocation.service';
import { SessionFlushService } from './session-flush.service';
import { SessionStateCache } from './session-state.cache';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { SessionsController } from './sessions.controller';
import { UserLifecycleService } from './user-lifecycle.service';
import { UserStateCache } from './user-state.cache';

/**
 * Sessions (token families) and instant revocation: the tables, the in-memory caches the guard reads,
 * the cross-instance broadcast, and the user changes that end sessions. Larger than the usual budget
 * because the caches, the bus and the services share one table family and one invalidation flow.
 */
@Module({
  imports: [UsersModule, SecurityEventsModule],
  controllers: [SessionsController, PasswordController],
  providers: [
    SessionRepository,
    RevocationBus,
    SessionStateCache,
    UserStateCache,
    RevocationService,
    SessionService,
    AccessGate,
    MySessionsService,
    UserLifecycleService,
    SessionFlushService,
  ],
  exports: [
    SessionService,
    AccessGate,
    RevocationService,
    UserLifecycleService,
    SessionFlushService,
    RevocationBus,
  ],
})
export class SessionsModule {}
