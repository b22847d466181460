import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { Clock } from '../common/clock';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { PasswordUpgrader } from './password-upgrader';
import { passwordProblems } from './password-policy';
import { ListedUser } from './listed-user';
import { mixesScripts, normalizeUsername } from './username-rules';
import { UsernameTakenError, UsersRepository } from './users.repository';

export interface Registration {
  username: string;
  password: string;
  email?: string;
}

/** The characters of Django's username validator; the length (150) is RegisterUserDto's. */
const USERNAME = /^[\p{L}\p{N}_.@+-]+$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** NFKC can lengthen a name (ligatures): the stored form must still fit the column. */
const MAX_USERNAME = 150;
export const USERNAME_TAKEN = 'A user with that username already exists.';
const MIXED_SCRIPTS =
  'Enter a valid username: letters of one script only (not, for example, Latin and Cyrillic mixed).';

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
   * The active user with these credentials, or null. Unknown usernames cost one dummy verification (as
   * costly as the costliest stored hash),
   * and inactive users are refused only after the password check, so timing tells nothing.
   */
  async checkCredentials(username: string, password: string): Promise<UserEntity | null> {
    const user = await this.users.findByUsername(username);
    if (!user) return this.passwords.verifyUnknown(password).then(() => null);
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

  /**
   * Validates like Django's UserCreationForm + default password validators; 400 field errors. The
   * username is stored NFKC-normalised; one mixing scripts (`аlice`) or equal to a user's but for
   * case (`Bob`) is refused.
   */
  async register(r: Registration): Promise<UserEntity> {
    const errors: Record<string, string[]> = {};
    const username = normalizeUsername(r.username);
    if (!USERNAME.test(username) || [...username].length > MAX_USERNAME) {
      errors.username = [
        'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
      ];
    } else if (mixesScripts(username)) {
      errors.username = [MIXED_SCRIPTS];
    }
    const email = r.email ?? '';
    if (email !== '' && !EMAIL.test(email)) errors.email = ['Enter a valid email address.'];
    const problems = passwordProblems(r.password, username);
    if (problems.length > 0) errors.password = problems;
    if (!errors.username && (await this.users.existsIgnoringCase(username)))
      errors.username = [USERNAME_TAKEN];
    if (Object.keys(errors).length > 0) throw DomainError.fields(errors);
    try {
      return await this.users.insert({
        username,
        email,
        passwordHash: await this.hasher.hash(r.password),
      });
    } catch (e) {
      if (e instanceof UsernameTakenError) throw DomainError.fields({ username: [USERNAME_TAKEN] });
      throw e;
    }
  }
}
