import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { UserManagementService } from './user-management.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  providers: [UsersRepository, PasswordHasher, UsersService, UserManagementService],
  exports: [UsersService, UserManagementService],
})
export class UsersModule {}
