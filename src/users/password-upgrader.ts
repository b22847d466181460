import { Injectable, Logger } from '@nestjs/common';
import { DjangoPasswordHasher } from './django-password-hasher';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

/**
 * Password checks for users brought over from Django: a Django hash (pbkdf2_sha256, argon2,
 * bcrypt_sha256, ...) is verified as Django does, and after the first successful check it is
 * replaced by our argon2id hash. Everything else goes to PasswordHasher as before.
 */
@Injectable()
export class PasswordUpgrader {
  private readonly django = new DjangoPasswordHasher();
  private readonly log = new Logger(PasswordUpgrader.name);

  constructor(
    private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
  ) {}

  async verify(user: UserEntity, password: string): Promise<boolean> {
    if (!DjangoPasswordHasher.handles(user.passwordHash))
      return this.hasher.verify(user.passwordHash, password);
    if (!(await this.django.verify(user.passwordHash, password))) return false;
    const upgraded = await this.hasher.hash(password);
    // Only if the hash is still the one just checked: a concurrent password change wins.
    if (await this.users.replacePasswordHash(user.id, user.passwordHash, upgraded)) {
      this.log.log(`user ${user.id}: Django password hash re-hashed to argon2id`);
      user.passwordHash = upgraded;
    }
    return true;
  }
}
