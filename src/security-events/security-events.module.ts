import { Module } from '@nestjs/common';
import { SecurityEventRepository } from './security-event.repository';
import { SecurityEventsService } from './security-events.service';

/** The security_event table: login, refresh, reuse, logout, revocation and password events. */
@Module({
  providers: [SecurityEventRepository, SecurityEventsService],
  exports: [SecurityEventsService],
})
export class SecurityEventsModule {}
