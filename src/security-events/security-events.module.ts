import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecurityEventEntity } from './entities/security-event.entity';
import { SecurityEventRepository } from './security-event.repository';
import { SecurityEventsService } from './security-events.service';

/** The security_event table: login, refresh, reuse, logout, revocation and password events. */
@Module({
  imports: [TypeOrmModule.forFeature([SecurityEventEntity])],
  providers: [SecurityEventRepository, SecurityEventsService],
  exports: [SecurityEventsService],
})
export class SecurityEventsModule {}
