import { Injectable } from '@nestjs/common';
import { ClientContext } from '../common/client-context.decorator';
import { MfaConfig } from '../config/mfa.config';
import { SecurityEventsService } from '../security-events/security-events.service';
import { MfaErrors } from './mfa-errors';
import { MfaDevice } from './mfa-device';
import { recoveryCodeHash, MfaSecrets } from './mfa-secrets';
import { MfaRepository } from './mfa.repository';

/** A django-otp TOTPDevice, as dumpdata gives it (key hex; step, t0 in seconds; drift in steps). */
export interface ImportedTotpDevice {
  name: string;
  keyHex: string;
  step: number;
  t0: number;
  digits: number;
  drift: number;
  lastT: number;
  confirmed: boolean;
}

/** What operators do with factors: look, reset (audited), enforce for staff, import from django-otp. */
@Injectable()
export class MfaAdminService {
  constructor(
    private readonly config: MfaConfig,
    private readonly repo: MfaRepository,
    private readonly secrets: MfaSecrets,
    private readonly events: SecurityEventsService,
  ) {}

  async factorsOf(userId: number): Promise<{ devices: MfaDevice[]; recoveryCodesLeft: number }> {
    const devices = await this.repo.ofUser(userId);
    return { devices, recoveryCodesLeft: await this.repo.countRecoveryCodes(userId) };
  }

  /** Of these users, those with a confirmed factor (the admin API's `has_mfa`). */
  withFactor(userIds: readonly number[]): Promise<Set<number>> {
    return userIds.length === 0 ? Promise.resolve(new Set()) : this.repo.withFactor(userIds);
  }

  /** Deletes every factor and recovery code of the user (a lost phone); an `mfa_reset` event. */
  async reset(user: { id: number; username: string }, by: string, client?: ClientContext): Promise<number> {
    const removed = await this.repo.deleteAllOf(user.id);
    const detail = `${removed} device(s) removed by ${by}`;
    await this.events.record({
      type: 'mfa_reset',
      userId: user.id,
      username: user.username,
      detail,
      ...client,
    });
    return removed;
  }

  /** MFA_REQUIRED_FOR_STAFF: throws 403 mfa_required for a staff user or superuser without a factor. */
  async requireForStaff(user: { id: number; isStaff: boolean; isSuperuser: boolean }): Promise<void> {
    if (!this.config.requiredForStaff || !(user.isStaff || user.isSuperuser)) return;
    if ((await this.repo.confirmedKinds(user.id)).length === 0) throw MfaErrors.staffRequired();
  }

  /** A django-otp device and static tokens of an imported user, replacing what they had. */
  async importDjango(userId: number, devices: ImportedTotpDevice[], staticTokens: string[]): Promise<void> {
    await this.repo.deleteAllOf(userId);
    for (const d of devices) {
      await this.repo.insertTotp({
        userId,
        name: d.name.slice(0, 64) || 'django-otp',
        secret: this.secrets.seal(d.keyHex, userId),
        digits: d.digits,
        step: d.step,
        t0: d.t0,
        drift: d.drift,
        lastT: d.lastT,
        confirmed: d.confirmed,
      });
    }
    if (staticTokens.length > 0)
      await this.repo.replaceRecoveryCodes(userId, staticTokens.map(recoveryCodeHash));
  }
}
