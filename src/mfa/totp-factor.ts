import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { MfaSecrets } from './mfa-secrets';
import { TotpDevice } from './mfa-device';
import { MfaRepository } from './mfa.repository';
import { matchingStep, newTotpKeyHex, TotpParams } from './totp-codes';

/** TOTP devices: a new (unconfirmed) one, and checking a code, each code usable once. */
@Injectable()
export class TotpFactor {
  constructor(
    private readonly repo: MfaRepository,
    private readonly secrets: MfaSecrets,
    private readonly clock: Clock,
  ) {}

  /** A new unconfirmed device (replacing an abandoned enrolment); its parameters in clear. */
  async start(userId: number, name: string): Promise<TotpParams> {
    const params: TotpParams = { keyHex: newTotpKeyHex(), digits: 6, step: 30, t0: 0, drift: 0 };
    await this.repo.deleteUnconfirmedTotp(userId);
    await this.repo.insertTotp({
      userId,
      name,
      secret: this.secrets.seal(params.keyHex, userId),
      confirmed: false,
    });
    return params;
  }

  /**
   * True when `code` is the current code (±1 step) of one of the user's devices, confirmed ones or
   * (`pending`) the enrolment under way, and its step was not used before: the step is recorded in the
   * same statement that checks it, so a replay — even a parallel one — is refused.
   */
  async verify(userId: number, code: string, pending = false): Promise<boolean> {
    const now = this.clock.now();
    for (const device of await this.repo.totpOf(userId, !pending)) {
      const step = matchingStep(this.paramsOf(device), code.trim(), now);
      if (step !== null && step > device.lastT) {
        return this.repo.acceptStep(device.id, step, device.drift, new Date(now));
      }
    }
    return false;
  }

  private paramsOf(d: TotpDevice): TotpParams {
    return {
      keyHex: this.secrets.open(d.secret, d.userId),
      digits: d.digits,
      step: d.step,
      t0: d.t0,
      drift: d.drift,
    };
  }
}
