import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { UserEntity } from './entities/user.entity';

export interface NewUser {
  username: string;
  passwordHash: string;
  email?: string;
  isActive?: boolean;
  isStaff?: boolean;
  isSuperuser?: boolean;
}

/** Thrown by `insert` when the username is taken. */
export class UsernameTakenError extends Error {}

/** The only TypeORM code on the users table; one method per query. */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findById(id: number): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** Exact, case-sensitive match: no pattern characters. */
  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username });
  }

  async insert(user: NewUser): Promise<UserEntity> {
    try {
      return await this.users.save(this.users.create(user));
    } catch (e) {
      if (isUniqueViolation(e)) throw new UsernameTakenError(user.username);
      throw e;
    }
  }

  async updateLastLogin(id: number, at: Date): Promise<void> {
    await this.users.update({ id }, { lastLogin: at });
  }

  async updatePassword(id: number, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }

  async updateFlags(id: number, flags: Partial<Pick<UserEntity, 'isActive' | 'isStaff' | 'isSuperuser'>>): Promise<void> {
    await this.users.update({ id }, flags);
  }

  async deleteById(id: number): Promise<boolean> {
    const result = await this.users.delete({ id });
    return (result.affected ?? 0) > 0;
  }
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof QueryFailedError && (e.driverError as { code?: string } | undefined)?.code === '23505';
}
