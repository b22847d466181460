import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { toDataURL } from 'qrcode';
import { ClientContext } from '../common/client-context.decorator';
import { Clock } from '../common/clock';
import { MfaConfig } from '../config/mfa.config';
import { SecurityEventsService } from '../security-events/security-events.service';
import { DeviceChannel } from '../traffic/device-channel';
import { UserEntity } from '../users/entities/user.entity';
import { PasswordCheck, UserLifecycleService } from '../users/user-lifecycle.service';
import { MFA_MSG, MfaErrors } from './mfa-errors';
import { MfaDevice } from './mfa-device';
import { MfaRepository } from './mfa.repository';
import { PasskeyFactor } from './passkey-factor';
import { RecoveryCodes } from './recovery-codes';
import { base32Of, otpauthUrl } from './totp-codes';
import { TotpFactor } from './totp-factor';

export interface TotpEnrolment {
  secret: string;
  otpauth_url: string;
  qr_code: string;
}

/** A change to the user's factors asks for the password again, guarded like a login. */
const FACTOR_CHECK: PasswordCheck = {
  field: 'password',
  message: MFA_MSG.wrongPassword,
  event: 'mfa_failed',
  detail: 'wrong password',
};
/** How the user proves a current factor when removing their last one. */
export interface CurrentCode {
  otp?: string;
  recovery_code?: string;
}

const hashOf = (s: string): string => createHash('sha256').update(s).digest('hex');

/**
 * The user's own factors (/api/users/me/mfa/): TOTP enrolment (active once a code confirms it),
 * passkey registration, recovery codes, listing and removal. Each change asks for the password again.
 */
@Injectable()
export class MfaEnrolmentService {
  constructor(
    private readonly config: MfaConfig,
    private readonly repo: MfaRepository,
    private readonly totp: TotpFactor,
    private readonly passkeys: PasskeyFactor,
    private readonly recovery: RecoveryCodes,
    private readonly lifecycle: UserLifecycleService,
    private readonly events: SecurityEventsService,
    private readonly clock: Clock,
  ) {}

  async startTotp(
    user: UserEntity,
    password: string,
    device: DeviceChannel,
    client: ClientContext,
  ): Promise<TotpEnrolment> {
    await this.lifecycle.confirmPassword(user, password, FACTOR_CHECK, device, { client });
    const params = await this.totp.start(user.id, 'Authenticator app');
    const url = otpauthUrl(this.config.issuer, user.username, params);
    return { secret: base32Of(params.keyHex), otpauth_url: url, qr_code: await toDataURL(url) };
  }

  /** The enrolment's first code activates it; answers a fresh set of recovery codes. */
  async confirmTotp(user: UserEntity, otp: string, client: ClientContext): Promise<string[]> {
    const pending = await this.repo.totpOf(user.id, false);
    if (pending.length === 0) throw MfaErrors.field('otp', MFA_MSG.noPending);
    if (!(await this.totp.verify(user.id, otp, true))) throw MfaErrors.field('otp', MFA_MSG.codeInvalid);
    await this.record(user, 'mfa_enrolled', 'totp', client);
    return this.issueCodes(user, client);
  }

  async startPasskey(
    user: UserEntity,
    password: string,
    device: DeviceChannel,
    client: ClientContext,
  ): Promise<unknown> {
    if (!this.passkeys.enabled) throw MfaErrors.field('non_field_errors', MFA_MSG.passkeysOff);
    await this.lifecycle.confirmPassword(user, password, FACTOR_CHECK, device, { client });
    const options = await this.passkeys.registrationOptions(user.id, user.username);
    const now = this.clock.now();
    const expires = new Date(now + this.config.tokenLifetime * 1000);
    const challenge = { userId: user.id, purpose: 'passkey' as const, webauthnChallenge: options.challenge };
    await this.repo.insertChallenge(hashOf(options.challenge), challenge, expires, new Date(now));
    return options;
  }

  /** Stores a passkey whose registration answers a challenge this user was given; its recovery codes. */
  async confirmPasskey(
    user: UserEntity,
    name: string,
    credential: Record<string, unknown>,
    client: ClientContext,
  ): Promise<string[]> {
    const challenge = challengeOf(credential);
    const hash = challenge === undefined ? undefined : hashOf(challenge);
    const found = hash && (await this.repo.takeAttempt(hash, new Date(this.clock.now()), 1));
    const ok =
      hash !== undefined &&
      found &&
      found.userId === user.id &&
      found.purpose === 'passkey' &&
      (await this.repo.endChallenge(hash)) &&
      (await this.passkeys.register(user.id, name, credential, challenge!));
    if (!ok) throw MfaErrors.field('credential', 'The passkey registration could not be verified.');
    await this.record(user, 'mfa_enrolled', 'webauthn', client);
    return this.issueCodes(user, client);
  }

  async list(user: UserEntity): Promise<{ devices: MfaDevice[]; recoveryCodesLeft: number }> {
    const devices = (await this.repo.ofUser(user.id)).filter((d) => d.confirmed);
    return { devices, recoveryCodesLeft: await this.recovery.left(user.id) };
  }

  /** Removes a factor (password again); the last one also needs a current code, and takes the recovery codes with it. */
  async remove(
    user: UserEntity,
    id: string,
    password: string,
    code: CurrentCode,
    device: DeviceChannel,
    client: ClientContext,
  ): Promise<boolean> {
    const devices = (await this.repo.ofUser(user.id)).filter((d) => d.confirmed);
    const target = devices.find((d) => d.id === id);
    if (!target) return false;
    await this.lifecycle.confirmPassword(user, password, FACTOR_CHECK, device, { client });
    const last = devices.length === 1;
    if (last && !(await this.currentCodeHolds(user, code))) {
      await this.events.record({
        type: 'mfa_failed',
        userId: user.id,
        username: user.username,
        detail: 'wrong code to remove the last factor',
        ...client,
      });
      throw MfaErrors.field('otp', MFA_MSG.codeInvalid);
    }
    if (last) await this.repo.deleteAllOf(user.id);
    else await this.repo.deleteDevice(user.id, id);
    await this.record(
      user,
      'mfa_removed',
      `${target.kind} ${target.id}${last ? ' (last factor)' : ''}`,
      client,
    );
    return true;
  }

  async regenerateRecoveryCodes(
    user: UserEntity,
    password: string,
    device: DeviceChannel,
    client: ClientContext,
  ): Promise<string[]> {
    await this.lifecycle.confirmPassword(user, password, FACTOR_CHECK, device, { client });
    if ((await this.repo.confirmedKinds(user.id)).length === 0)
      throw MfaErrors.field('non_field_errors', MFA_MSG.noFactor);
    return this.issueCodes(user, client);
  }

  private async currentCodeHolds(user: UserEntity, code: CurrentCode): Promise<boolean> {
    if (code.otp !== undefined) return this.totp.verify(user.id, code.otp);
    if (code.recovery_code !== undefined) return this.recovery.use(user.id, code.recovery_code);
    return false;
  }

  private async issueCodes(user: UserEntity, client: ClientContext): Promise<string[]> {
    const codes = await this.recovery.issue(user.id);
    await this.record(user, 'recovery_codes_issued', `${codes.length} codes`, client);
    return codes;
  }

  private record(
    user: UserEntity,
    type: 'mfa_enrolled' | 'mfa_removed' | 'recovery_codes_issued',
    detail: string,
    client: ClientContext,
  ) {
    return this.events.record({ type, userId: user.id, username: user.username, detail, ...client });
  }
}

/** The challenge a registration response answers (clientDataJSON), or undefined when it is not readable. */
function challengeOf(credential: Record<string, unknown>): string | undefined {
  const response = credential.response as { clientDataJSON?: unknown } | undefined;
  if (typeof response?.clientDataJSON !== 'string') return undefined;
  try {
    const data = JSON.parse(Buffer.from(response.clientDataJSON, 'base64url').toString('utf8')) as {
      challenge?: unknown;
    };
    return typeof data.challenge === 'string' && data.challenge.length <= 128 ? data.challenge : undefined;
  } catch {
    return undefined;
  }
}
