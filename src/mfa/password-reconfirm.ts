import { Injectable } from '@nestjs/common';
import { ClientContext } from '../common/client-context.decorator';
import { SecurityEventsService } from '../security-events/security-events.service';
import { DeviceChannel } from '../traffic/device-channel';
import { LoginAttemptsService } from '../traffic/login-attempts.service';
import { UserEntity } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { MFA_MSG, MfaErrors } from './mfa-errors';

/**
 * The current password again, before a change to the user's factors: guarded like a login (the same
 * failure streaks and device rules, a refusal answered as a wrong password), each failure an event.
 */
@Injectable()
export class PasswordReconfirm {
  constructor(
    private readonly users: UsersService,
    private readonly attempts: LoginAttemptsService,
    private readonly events: SecurityEventsService,
  ) {}

  async check(
    user: UserEntity,
    password: string,
    device: DeviceChannel,
    client?: ClientContext,
  ): Promise<void> {
    const attempt = await this.attempts.begin(user.username, device);
    const matches = await this.users.checkCredentials(user.username, password);
    if (attempt.refused || !matches) {
      const detail = attempt.refused ? 'password refused: backed off' : 'wrong password';
      await this.events.record({
        type: 'mfa_failed',
        userId: user.id,
        username: user.username,
        detail,
        ...client,
      });
      throw MfaErrors.field('password', MFA_MSG.wrongPassword);
    }
    await this.attempts.succeeded(attempt);
  }
}
