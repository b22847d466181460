import { Module } from '@nestjs/common';
import { SecurityEventsModule } from '../security-events/security-events.module';
import { SessionsModule } from '../sessions/sessions.module';
import { FlushScheduler } from './flush.scheduler';
import { HousekeepingService } from './housekeeping.service';

/** Scheduled and on-demand (CLI) flushing of expired tokens, sessions and old security events. */
@Module({
  imports: [SessionsModule, SecurityEventsModule],
  providers: [HousekeepingService, FlushScheduler],
  exports: [HousekeepingService, FlushScheduler],
})
export class HousekeepingModule {}
