import { Injectable } from '@nestjs/common';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { normalizeUsername } from './username-rules';
import { NewUser, UsernameTakenError, UsersRepository } from './users.repository';

export interface CreateUserOptions {
  username: string;
  password: string;
  email?: string;
  isStaff?: boolean;
  isSuperuser?: boolean;
  isActive?: boolean;
}

/** Thrown when a command names a user that does not exist. */
export class UnknownUserError extends Error {
  constructor(readonly username: string) {
    super(`No user named ${JSON.stringify(username)}`);
  }
}

/** Operator actions on users (the CLI; later the admin API). Existing users are named exactly. */
@Injectable()
export class UserManagementService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * The username is stored NFKC-normalised; UsernameTakenError when a user has it, also but for case
   * or NFKC form (`Bob`, `ｂob` beside `bob`).
   */
  async create(o: CreateUserOptions): Promise<UserEntity> {
    const username = normalizeUsername(o.username);
    if (await this.users.existsIgnoringCase(username)) throw new UsernameTakenError(username);
    const user: NewUser = {
      username,
      email: o.email ?? '',
      passwordHash: await this.hasher.hash(o.password),
      isActive: o.isActive ?? true,
      isStaff: o.isStaff ?? false,
      isSuperuser: o.isSuperuser ?? false,
    };
    return this.users.insert(user);
  }

  async setActive(username: string, active: boolean): Promise<UserEntity> {
    const user = await this.require(username);
    await this.users.updateFlags(user.id, { isActive: active });
    return { ...user, isActive: active };
  }

  async setRoles(username: string, roles: { isStaff: boolean; isSuperuser: boolean }): Promise<UserEntity> {
    const user = await this.require(username);
    await this.users.updateFlags(user.id, roles);
    return { ...user, ...roles };
  }

  async changePassword(username: string, password: string): Promise<UserEntity> {
    const user = await this.require(username);
    await this.users.updatePassword(user.id, await this.hasher.hash(password));
    return user;
  }

  /** False when there was no such user. */
  async delete(username: string): Promise<boolean> {
    const user = await this.users.findByUsername(username);
    return user ? this.users.deleteById(user.id) : false;
  }

  /** The conformance suite's CREATE_USER_CMD: create or update (password, active flag), or delete. */
  async upsert(username: string, password: string, mode: 'active' | 'inactive' | 'delete'): Promise<void> {
    const existing = await this.users.findByUsername(username);
    if (mode === 'delete') {
      if (existing) await this.users.deleteById(existing.id);
      return;
    }
    if (!existing) {
      await this.create({ username, password, isActive: mode === 'active' });
      return;
    }
    await this.users.updatePassword(existing.id, await this.hasher.hash(password));
    await this.users.updateFlags(existing.id, { isActive: mode === 'active' });
  }

  private async require(username: string): Promise<UserEntity> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new UnknownUserError(username);
    return user;
  }
}
