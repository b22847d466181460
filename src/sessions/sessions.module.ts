import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RevocationModule } from '../revocation/revocation.module';
import { SecurityEventsModule } from '../security-events/security-events.module';
import { BlacklistedTokenEntity } from './entities/blacklisted-token.entity';
import { OutstandingTokenEntity } from './entities/outstanding-token.entity';
import { SessionTokenEntity } from './entities/session-token.entity';
import { SessionEntity } from './entities/session.entity';
import { UserCutoffEntity } from './entities/user-cutoff.entity';
import { FamilyRules } from './family-rules';
import { MySessionsService } from './my-sessions.service';
import { RevocationService } from './revocation.service';
import { SessionFlushService } from './session-flush.service';
import { SessionStateCache } from './session-state.cache';
import { SessionUses } from './session-uses';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { SessionsController } from './sessions.controller';
import { TokenFamilyRepository } from './token-family.repository';

/**
 * A session's tokens, in one module: simplejwt's outstanding_token and blacklisted_token (names kept),
 * sessions (auth_session: one refresh-token family each, auth_session_token: its tokens) and the
 * session-less cutoff (auth_user_cutoff). A login begins a session, refresh and rotation use it,
 * revocation ends it (broadcast on the revocation bus); the in-memory session state the JWT guard reads;
 * "my sessions" is its HTTP surface.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      OutstandingTokenEntity,
      BlacklistedTokenEntity,
      SessionEntity,
      SessionTokenEntity,
      UserCutoffEntity,
    ]),
    RevocationModule,
    SecurityEventsModule,
  ],
  controllers: [SessionsController],
  providers: [
    SessionRepository,
    TokenFamilyRepository,
    SessionStateCache,
    RevocationService,
    FamilyRules,
    SessionService,
    MySessionsService,
    SessionFlushService,
    SessionUses,
  ],
  exports: [SessionService, SessionStateCache, RevocationService, SessionFlushService],
})
export class SessionsModule {}
