import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RevocationModule } from '../revocation/revocation.module';
import { SecurityEventsModule } from '../security-events/security-events.module';
import { SessionTokenEntity } from './entities/session-token.entity';
import { SessionEntity } from './entities/session.entity';
import { UserCutoffEntity } from './entities/user-cutoff.entity';
import { MySessionsService } from './my-sessions.service';
import { RevocationService } from './revocation.service';
import { SessionFlushService } from './session-flush.service';
import { SessionStateCache } from './session-state.cache';
import { SessionUses } from './session-uses';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { SessionsController } from './sessions.controller';

/**
 * Sessions (refresh-token families: auth_session, auth_session_token, auth_user_cutoff): a login starts
 * one, refresh and rotation use it, revocation ends it (broadcast on the revocation bus), and the
 * in-memory session state the JWT guard reads. "My sessions" is its HTTP surface.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([SessionEntity, SessionTokenEntity, UserCutoffEntity]),
    RevocationModule,
    SecurityEventsModule,
  ],
  controllers: [SessionsController],
  providers: [
    SessionRepository,
    SessionStateCache,
    RevocationService,
    SessionService,
    MySessionsService,
    SessionFlushService,
    SessionUses,
  ],
  exports: [SessionService, SessionStateCache, RevocationService, SessionFlushService],
})
export class SessionsModule {}
