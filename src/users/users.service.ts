import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { Clock } from '../common/clock';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { PasswordUpgrader } from './password-upgrader';
import { passwordProblems } from './password-policy';
import { ListedUser } from './listed-user';
import { UsernameTakenError, UsersRepository } from './users.repository';

export interface Registration {
  username: string;
  password: string;
  email?: string;
}

/** The characters of Django's username validator; the length (150) is RegisterUserDto's. */
const USERNAME = /^[\p{L}\p{N}_.@+-]+$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const USERNAME_TAKEN = 'A user with that username already exists.';

/** Login checks and self-service registration. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly passwords: PasswordUpgrader,
  ) {}

  /**
   * The active user with these credentials, or null. Unknown usernames cost one dummy verification,
   * and inactive users are refused only after the password check, so timing tells nothing.
   */
  async checkCredentials(username: string, password: string): Promise<UserEntity | null> {
    const user = await this.users.findByUsername(username);
    if (!user) return this.hasher.verifyDummy(password).then(() => null);
    const ok = await this.passwords.verify(user, password);
    return ok && user.isActive ? user : null;
  }

  findById(id: number): Promise<UserEntity | null> {
    return this.users.findById(id);
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findByUsername(username);
  }

  /** Staff listing: username or email contains `search` (case-insensitive), by id. */
  page(search: string, limit: number, offset: number): Promise<{ count: number; users: ListedUser[] }> {
    return this.users.pageMatching(search, limit, offset);
  }

  async recordLogin(user: UserEntity): Promise<void> {
    await this.users.updateLastLogin(user.id, new Date(this.clock.now()));
  }

  /** Validates like Django's UserCreationForm + default password validators; 400 field errors. */
  async register(r: Registration): Promise<UserEntity> {
    const errors: Record<string, string[]> = {};
    if (!USERNAME.test(r.username)) {
      errors.username = [
        'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
      ];
    }
    const email = r.email ?? '';
    if (email !== '' && !EMAIL.test(email)) errors.email = ['Enter a valid email address.'];
    const problems = passwordProblems(r.password, r.username);
    if (problems.length > 0) errors.password = problems;
    if (Object.keys(errors).length > 0) throw DomainError.fields(errors);
    try {
      return await this.users.insert({
        username: r.username,
        email,
        passwordHash: await this.hasher.hash(r.password),
      });
    } catch (e) {
      if (e instanceof UsernameTakenError) throw DomainError.fields({ username: [USERNAME_TAKEN] });
      throw e;
    }
  }
}
