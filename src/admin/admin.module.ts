import { Module } from '@nestjs/common';
import { MfaModule } from '../mfa/mfa.module';
import { SecurityEventsModule } from '../security-events/security-events.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { AdminEventsController } from './admin-events.controller';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { AdminGroupsController } from './admin-groups.controller';
import { AdminGroupsService } from './admin-groups.service';
import { AdminPermissionsController } from './admin-permissions.controller';
import { GrantPolicy } from './grant-policy';
import { StaffMfaGuard } from './staff-mfa.guard';
import { PermissionsModule } from '../permissions/permissions.module';

/** The admin API: users, groups, permissions and security events, each route behind its model permission. */
@Module({
  imports: [UsersModule, SessionsModule, SecurityEventsModule, PermissionsModule, MfaModule],
  controllers: [
    AdminUsersController,
    AdminGroupsController,
    AdminPermissionsController,
    AdminEventsController,
  ],
  providers: [AdminUsersService, AdminGroupsService, GrantPolicy, StaffMfaGuard],
})
export class AdminModule {}
