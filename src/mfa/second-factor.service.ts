import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { ClientContext } from '../common/client-context.decorator';
import { Clock } from '../common/clock';
import { MfaConfig } from '../config/mfa.config';
import { BastionMetrics } from '../metrics/bastion-metrics';
import { SecurityEventsService } from '../security-events/security-events.service';
import { DeviceChannel } from '../traffic/device-channel';
import { LoginAttemptsService, PasswordAttempt } from '../traffic/login-attempts.service';
import { UserEntity } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { MfaErrors } from './mfa-errors';
import { MfaPurpose } from './mfa-device';
import { MfaRepository } from './mfa.repository';
import { PasskeyFactor } from './passkey-factor';
import { RecoveryCodes } from './recovery-codes';
import { TotpFactor } from './totp-factor';

/** The second step's proof: exactly one of them. */
export interface SecondFactorProof {
  otp?: string;
  recovery_code?: string;
  webauthn?: Record<string, unknown>;
}

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * The login's second step. `gate`, between a right password and the tokens: a user without a factor
 * passes untouched; one with a factor passes with a valid `otp` in the same request, else gets 401
 * `mfa_required` and an `mfa_token`. `complete` (POST /api/token/mfa/) spends one attempt of that token
 * on a code, a recovery code or a passkey assertion. Wrong proofs count in the password's failure
 * streaks (the first step's attempt is only forgotten once the second succeeds) and are events.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly config: MfaConfig,
    private readonly repo: MfaRepository,
    private readonly totp: TotpFactor,
    private readonly recovery: RecoveryCodes,
    private readonly passkeys: PasskeyFactor,
    private readonly users: UsersService,
    private readonly attempts: LoginAttemptsService,
    private readonly events: SecurityEventsService,
    private readonly metrics: BastionMetrics,
    private readonly clock: Clock,
  ) {}

  /** Throws 401 mfa_required unless the user has no factor or `otp` is a valid code. */
  async gate(
    user: UserEntity,
    purpose: MfaPurpose,
    otp: string | undefined,
    client: ClientContext,
  ): Promise<void> {
    const kinds = await this.repo.confirmedKinds(user.id);
    if (kinds.length === 0) return;
    if (otp !== undefined && kinds.includes('totp')) {
      if (await this.totp.verify(user.id, otp)) return;
      await this.failed(user, 'wrong otp with the password', client);
    } else {
      this.metrics.login('mfa_required');
    }
    const token = randomBytes(32).toString('base64url');
    const webauthn = kinds.includes('webauthn') ? await this.passkeys.assertionOptions(user.id) : null;
    const now = this.clock.now();
    await this.repo.insertChallenge(
      hashOf(token),
      { userId: user.id, purpose, webauthnChallenge: webauthn?.challenge ?? null },
      new Date(now + this.config.tokenLifetime * 1000),
      new Date(now),
    );
    const methods = [...kinds.map((k) => (k === 'totp' ? 'otp' : k)), 'recovery_code'];
    throw MfaErrors.required(token, methods, webauthn ? { webauthn } : {});
  }

  /** The user and what the first step asked for, once a proof passes; 401 otherwise. */
  async complete(
    mfaToken: string,
    proof: SecondFactorProof,
    device: DeviceChannel,
    client: ClientContext,
  ): Promise<{ user: UserEntity; purpose: MfaPurpose }> {
    const hash = hashOf(mfaToken);
    const challenge = await this.repo.takeAttempt(
      hash,
      new Date(this.clock.now()),
      this.config.tokenAttempts,
    );
    // A passkey registration's challenge is no login's: it was never preceded by a password.
    if (!challenge || challenge.purpose === 'passkey') throw MfaErrors.tokenInvalid();
    const user = await this.users.findById(challenge.userId);
    if (!user || !user.isActive) {
      await this.repo.endChallenge(hash);
      throw MfaErrors.tokenInvalid();
    }
    const attempt = await this.attempts.begin(user.username, device);
    if (attempt.refused || !(await this.passes(user, proof, challenge.webauthnChallenge, client))) {
      await this.failed(user, attempt.refused ? 'refused: backed off' : 'wrong second factor', client);
      throw MfaErrors.codeInvalid();
    }
    if (!(await this.repo.endChallenge(hash))) throw MfaErrors.tokenInvalid();
    await this.succeeded(attempt, device);
    return { user, purpose: challenge.purpose };
  }

  private async passes(
    user: UserEntity,
    proof: SecondFactorProof,
    webauthnChallenge: string | null,
    client: ClientContext,
  ): Promise<boolean> {
    if (proof.otp !== undefined) return this.totp.verify(user.id, proof.otp);
    if (proof.webauthn !== undefined) {
      return (
        webauthnChallenge !== null &&
        this.passkeys.verifyAssertion(user.id, proof.webauthn, webauthnChallenge)
      );
    }
    if (proof.recovery_code === undefined || !(await this.recovery.use(user.id, proof.recovery_code)))
      return false;
    const left = await this.recovery.left(user.id);
    const who = { userId: user.id, username: user.username, ...client };
    await this.events.record({ type: 'recovery_code_used', ...who, detail: `${left} left` });
    return true;
  }

  private succeeded(attempt: PasswordAttempt, device: DeviceChannel): Promise<void> {
    return this.attempts.succeeded(attempt, device);
  }

  private async failed(user: UserEntity, detail: string, client: ClientContext): Promise<void> {
    this.metrics.login('mfa_failed');
    await this.events.record({
      type: 'mfa_failed',
      userId: user.id,
      username: user.username,
      detail,
      ...client,
    });
  }
}
