import { Injectable, Logger } from '@nestjs/common';
import { isDjangoHash } from './django-hashes';
import { DummyHash, dummyHashLike } from './dummy-hashes';
import { UserEntity } from './entities/user.entity';
import { ARGON2ID_DUMMY, PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

/**
 * Password checks for users brought over from Django: a Django hash (pbkdf2_sha256, argon2,
 * bcrypt_sha256, ...) is verified as Django does, in PasswordHasher's worker pool like every hash, and after
 * the first successful check it is replaced by our argon2id hash.
 *
 * Unknown usernames are checked against a dummy shaped like the costliest hash stored (argon2id, or the
 * slowest Django shape found by one scan of the users on first need, and by every imported user's check
 * since), so a wrong password of an imported user answers no slower than an unknown name.
 */
@Injectable()
export class PasswordUpgrader {
  private readonly log = new Logger(PasswordUpgrader.name);
  /** What an unknown username is checked against: the costliest shape seen so far. */
  private costliest: DummyHash = ARGON2ID_DUMMY;
  private scanned?: Promise<void>;

  constructor(
    private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
  ) {}

  async verify(user: UserEntity, password: string): Promise<boolean> {
    const ok = await this.hasher.verify(user.passwordHash, password);
    if (!isDjangoHash(user.passwordHash)) return ok;
    this.consider(user.passwordHash);
    if (!ok) return false;
    const upgraded = await this.hasher.hash(password);
    // Only if the hash is still the one just checked: a concurrent password change wins.
    if (await this.users.replacePasswordHash(user.id, user.passwordHash, upgraded)) {
      this.log.log(`user ${user.id}: Django password hash re-hashed to argon2id`);
      user.passwordHash = upgraded;
    }
    return true;
  }

  /** An unknown username: the time of a wrong password for the costliest hash stored. */
  async verifyUnknown(password: string): Promise<false> {
    this.scanned ??= this.users.djangoHashShapes().then(
      (samples) => samples.forEach((s) => this.consider(s)),
      (e: Error) => {
        this.scanned = undefined; // tried again at the next unknown name
        this.log.warn(`could not scan the stored password hashes: ${e.message}`);
      },
    );
    await this.scanned;
    return this.hasher.verifyDummy(password, this.costliest);
  }

  private consider(encoded: string): void {
    const dummy = dummyHashLike(encoded);
    if (dummy && dummy.cost > this.costliest.cost) this.costliest = dummy;
  }
}
