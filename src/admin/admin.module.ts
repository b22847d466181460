import { Module } from '@nestjs/common';
import { SecurityEventsModule } from '../security-events/security-events.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { AdminEventsController } from './admin-events.controller';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { StaffOnlyGuard } from './staff-only.guard';

/** The staff API: users and security events. */
@Module({
  imports: [UsersModule, SessionsModule, SecurityEventsModule],
  controllers: [AdminUsersController, AdminEventsController],
  providers: [AdminUsersService, StaffOnlyGuard],
})
export class AdminModule {}
