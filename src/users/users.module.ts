import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from './entities/user.entity';
import { DjangoUserImporter } from './django-import/django-user-importer';
import { PasswordHasher } from './password-hasher';
import { PasswordUpgrader } from './password-upgrader';
import { UserManagementService } from './user-management.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  providers: [
    UsersRepository,
    PasswordHasher,
    PasswordUpgrader,
    UsersService,
    UserManagementService,
    DjangoUserImporter,
  ],
  exports: [UsersService, UserManagementService, DjangoUserImporter],
})
export class UsersModule {}
