import { Injectable } from '@nestjs/common';
import { ClientContext } from '../common/client-context.decorator';
import { DomainError } from '../common/domain-error';
import { SecurityEventsService } from '../security-events/security-events.service';
import { PrincipalUser } from '../common/principal';
import { SecurityEventType } from '../security-events/security-event';
import { Actor, RevocationService } from '../sessions/revocation.service';
import { DeviceChannel } from '../traffic/device-channel';
import { LoginAttemptsService } from '../traffic/login-attempts.service';
import { UserEntity } from './entities/user.entity';
import { passwordProblems } from './password-policy';
import { UserManagementService } from './user-management.service';
import { UsersService } from './users.service';

export const WRONG_OLD_PASSWORD = 'Your old password was entered incorrectly. Please enter it again.';

/** How a wrong password is answered and recorded by confirmPassword. */
export interface PasswordCheck {
  field: string;
  message: string;
  event: SecurityEventType;
  /** The failure event's detail. */
  detail: string;
}

const CHANGE_CHECK: PasswordCheck = {
  field: 'old_password',
  message: WRONG_OLD_PASSWORD,
  event: 'password_change_failed',
  detail: 'wrong old password',
};

/**
 * User changes that end sessions (ASVS 7.4): deactivation and deletion end every session for good
 * (reactivation does not bring old tokens back), a password change ends every session but the
 * current one. Used by the CLI, the admin API and /api/users/me/password/; every instance hears of it at once.
 */
@Injectable()
export class UserLifecycleService {
  constructor(
    private readonly management: UserManagementService,
    private readonly users: UsersService,
    private readonly revocation: RevocationService,
    private readonly events: SecurityEventsService,
    private readonly attempts: LoginAttemptsService,
  ) {}

  async setActive(username: string, active: boolean, client?: ClientContext): Promise<UserEntity> {
    const user = await this.management.setActive(username, active);
    await this.revocation.userChanged(user.id);
    if (!active) {
      await this.revocation.revokeUser(
        user.id,
        { reason: 'deactivated', sessionless: true, event: 'user_deactivated' },
        { client },
      );
    } else {
      await this.events.record({ type: 'user_activated', userId: user.id, username, ...client });
    }
    return user;
  }

  /** A superuser grants or takes away staff and superuser (the admin API; the next request sees it). */
  async setRoles(
    username: string,
    roles: { isStaff: boolean; isSuperuser: boolean },
    client?: ClientContext,
  ): Promise<UserEntity> {
    const user = await this.management.setRoles(username, roles);
    await this.revocation.userChanged(user.id);
    const detail = `is_staff=${roles.isStaff} is_superuser=${roles.isSuperuser}`;
    await this.events.record({ type: 'user_roles_changed', userId: user.id, username, detail, ...client });
    return user;
  }

  /** False when there was no such user. */
  async delete(username: string, client?: ClientContext): Promise<boolean> {
    const user = await this.users.findByUsername(username);
    if (!user) return false;
    await this.revocation.revokeUser(
      user.id,
      { reason: 'deleted', sessionless: true, event: 'user_deleted' },
      { client },
    );
    const deleted = await this.management.delete(username);
    await this.revocation.userChanged(user.id);
    return deleted;
  }

  /** An operator sets the password (CLI): every session of the user ends. */
  async setPassword(username: string, password: string): Promise<UserEntity> {
    const user = await this.management.changePassword(username, password);
    await this.revocation.revokeUser(user.id, {
      reason: 'password_changed',
      sessionless: true,
      event: 'password_changed',
    });
    return user;
  }

  /**
   * The user changes their own password: old one checked (confirmPassword), policy applied, every
   * other session ends.
   */
  async changeOwnPassword(
    user: UserEntity,
    oldPassword: string,
    newPassword: string,
    currentSid: string | null,
    device: DeviceChannel,
    client?: ClientContext,
  ): Promise<number> {
    await this.confirmPassword(user, oldPassword, CHANGE_CHECK, device, { client, sessionId: currentSid });
    const problems = passwordProblems(newPassword, user.username);
    if (problems.length > 0) throw DomainError.fields({ new_password: problems });
    await this.management.changePassword(user.username, newPassword);
    return this.revocation.revokeUser(
      user.id,
      {
        exceptSid: currentSid,
        reason: 'password_changed',
        sessionless: currentSid !== null,
        event: 'password_changed',
      },
      { client, sessionId: currentSid },
    );
  }

  /**
   * Asks again for the current password before a sensitive change (a password change, a new API key),
   * guarded like a login: the same failure streaks, backoff and device rules, a refusal answered as a
   * wrong password (a field error under `check.field`), each failure recorded as `check.event`.
   */
  async confirmPassword(
    user: PrincipalUser,
    password: string,
    check: PasswordCheck,
    device: DeviceChannel,
    actor: Actor = {},
  ): Promise<void> {
    const attempt = await this.attempts.begin(user.username, device);
    const matches = await this.users.checkCredentials(user.username, password);
    if (attempt.refused || !matches) {
      const detail = attempt.refused ? 'refused: backed off' : check.detail;
      const who = { userId: user.id, username: user.username, sessionId: actor.sessionId, ...actor.client };
      await this.events.record({ type: check.event, ...who, detail });
      throw DomainError.fields({ [check.field]: [check.message] });
    }
    await this.attempts.succeeded(attempt);
  }
}
