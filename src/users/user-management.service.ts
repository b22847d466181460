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

  private async require(username: string): Promise<UserEntity> {
    const user = await this.users.findByUsername(username);
    if (!user) throw new UnknownUserError(username);
    return user;
  }
}
