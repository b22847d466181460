import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RevocationModule } from '../revocation/revocation.module';
import { SecurityEventsModule } from '../security-events/security-events.module';
import { SessionsModule } from '../sessions/sessions.module';
import { LoginAttemptsModule } from '../traffic/login-attempts.module';
import { DjangoUserImporter } from './django-import/django-user-importer';
import { UserEntity } from './entities/user.entity';
import { PasswordController } from './password.controller';
import { PasswordHasher } from './password-hasher';
import { PasswordUpgrader } from './password-upgrader';
import { UserLifecycleService } from './user-lifecycle.service';
import { UserManagementService } from './user-management.service';
import { UserStateCache } from './user-state.cache';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/**
 * The users table and everything about a user: password hashing (and Django hashes), registration,
 * /api/users/me/ and its password change, the lifecycle that ends sessions (deactivation, deletion,
 * password changes), the guard's user cache, and the Django import.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity]),
    SessionsModule,
    RevocationModule,
    SecurityEventsModule,
    LoginAttemptsModule,
  ],
  controllers: [UsersController, PasswordController],
  providers: [
    UsersRepository,
    PasswordHasher,
    PasswordUpgrader,
    UsersService,
    UserManagementService,
    UserLifecycleService,
    UserStateCache,
    DjangoUserImporter,
  ],
  exports: [UsersService, UserManagementService, UserLifecycleService, UserStateCache, DjangoUserImporter],
})
export class UsersModule {}
