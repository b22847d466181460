import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { MfaChallengeEntity } from './entities/mfa-challenge.entity';
import { MfaDeviceEntity } from './entities/mfa-device.entity';
import { MfaRecoveryCodeEntity } from './entities/mfa-recovery-code.entity';
import { MfaChallenge, MfaDevice, MfaKind, NewTotpDevice, Passkey, TotpDevice } from './mfa-device';

/** TypeORM answers an UPDATE or DELETE with [rows RETURNING gave, affected row count]. */
type UpdateResult<R = unknown> = [R[], number];

const DEVICE = `id::text AS id, user_id AS "userId", kind, name, confirmed, created, last_used AS "lastUsed"`;
const TOTP = `${DEVICE}, secret, digits, step, t0::float8 AS t0, drift, last_t::float8 AS "lastT"`;
const PASSKEY = `${DEVICE}, credential_id AS "credentialId", secret AS "publicKey",
  sign_count::float8 AS "signCount"`;

/** The only SQL on mfa_device, mfa_recovery_code and mfa_challenge. */
@Injectable()
export class MfaRepository {
  constructor(
    @InjectRepository(MfaDeviceEntity) private readonly devices: Repository<MfaDeviceEntity>,
    @InjectRepository(MfaRecoveryCodeEntity) private readonly codes: Repository<MfaRecoveryCodeEntity>,
    @InjectRepository(MfaChallengeEntity) private readonly challenges: Repository<MfaChallengeEntity>,
  ) {}

  async insertTotp(d: NewTotpDevice): Promise<string> {
    const rows = await this.devices.query<{ id: string }[]>(
      `INSERT INTO mfa_device (user_id, kind, name, secret, digits, step, t0, drift, last_t, confirmed)
       VALUES ($1, 'totp', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::text AS id`,
      [
        d.userId,
        d.name,
        d.secret,
        d.digits ?? 6,
        d.step ?? 30,
        d.t0 ?? 0,
        d.drift ?? 0,
        d.lastT ?? -1,
        d.confirmed,
      ],
    );
    return rows[0].id;
  }

  async insertPasskey(p: {
    userId: number;
    name: string;
    credentialId: string;
    publicKey: string;
    signCount: number;
  }): Promise<string | null> {
    const rows = await this.devices.query<{ id: string }[]>(
      `INSERT INTO mfa_device (user_id, kind, name, secret, credential_id, sign_count, confirmed)
       VALUES ($1, 'webauthn', $2, $3, $4, $5, true) ON CONFLICT (credential_id) DO NOTHING RETURNING id::text AS id`,
      [p.userId, p.name, p.publicKey, p.credentialId, p.signCount],
    );
    return rows[0]?.id ?? null;
  }

  /** A user's devices, oldest first. */
  ofUser(userId: number): Promise<MfaDevice[]> {
    return this.devices.query(`SELECT ${DEVICE} FROM mfa_device WHERE user_id = $1 ORDER BY id`, [userId]);
  }

  /** The kinds of the user's confirmed devices (empty: no second factor). One indexed read. */
  async confirmedKinds(userId: number): Promise<MfaKind[]> {
    const rows = await this.devices.query<{ kind: MfaKind }[]>(
      `SELECT DISTINCT kind FROM mfa_device WHERE user_id = $1 AND confirmed ORDER BY kind`,
      [userId],
    );
    return rows.map((r) => r.kind);
  }

  /** Of the users given, those with a confirmed device. */
  async withFactor(userIds: readonly number[]): Promise<Set<number>> {
    const rows = await this.devices.query<{ userId: number }[]>(
      `SELECT DISTINCT user_id AS "userId" FROM mfa_device WHERE user_id = ANY($1::int[]) AND confirmed`,
      [userIds],
    );
    return new Set(rows.map((r) => r.userId));
  }

  totpOf(userId: number, confirmed: boolean): Promise<TotpDevice[]> {
    return this.devices.query(
      `SELECT ${TOTP} FROM mfa_device WHERE user_id = $1 AND kind = 'totp' AND confirmed = $2 ORDER BY id`,
      [userId, confirmed],
    );
  }

  passkeysOf(userId: number): Promise<Passkey[]> {
    return this.devices.query(
      `SELECT ${PASSKEY} FROM mfa_device WHERE user_id = $1 AND kind = 'webauthn' AND confirmed ORDER BY id`,
      [userId],
    );
  }

  /**
   * Records that a code of time-step `t` was accepted: true for the one caller that moved `last_t`
   * forward (a replay of the step, or of an earlier one, changes nothing). Confirms the device too.
   */
  async acceptStep(id: string, t: number, drift: number, at: Date): Promise<boolean> {
    const [, affected] = await this.devices.query<UpdateResult>(
      `UPDATE mfa_device SET last_t = $2, drift = $3, last_used = $4, confirmed = true
       WHERE id = $1 AND last_t < $2`,
      [id, t, drift, at],
    );
    return affected === 1;
  }

  /** A passkey's new signature counter; false when another use moved it first. */
  async acceptSignCount(id: string, previous: number, next: number, at: Date): Promise<boolean> {
    const [, affected] = await this.devices.query<UpdateResult>(
      `UPDATE mfa_device SET sign_count = $3, last_used = $4 WHERE id = $1 AND sign_count = $2`,
      [id, previous, next, at],
    );
    return affected === 1;
  }

  /** Deletes the user's unconfirmed TOTP devices (a new enrolment replaces an abandoned one). */
  async deleteUnconfirmedTotp(userId: number): Promise<void> {
    await this.devices.query(
      `DELETE FROM mfa_device WHERE user_id = $1 AND kind = 'totp' AND NOT confirmed`,
      [userId],
    );
  }

  async deleteDevice(userId: number, id: string): Promise<boolean> {
    const [, affected] = await this.devices.query<UpdateResult>(
      `DELETE FROM mfa_device WHERE user_id = $1 AND id = $2`,
      [userId, id],
    );
    return affected === 1;
  }

  /** Every device and recovery code of the user, in one transaction; how many devices there were. */
  deleteAllOf(userId: number): Promise<number> {
    return this.devices.manager.transaction(async (m) => {
      await m.query(`DELETE FROM mfa_recovery_code WHERE user_id = $1`, [userId]);
      const [, affected] = await m.query<UpdateResult>(`DELETE FROM mfa_device WHERE user_id = $1`, [userId]);
      return affected;
    });
  }

  /** The user's recovery codes become exactly these (hashes), in one transaction. */
  async replaceRecoveryCodes(userId: number, hashes: readonly string[]): Promise<void> {
    await this.codes.manager.transaction(async (m) => {
      await m.query(`DELETE FROM mfa_recovery_code WHERE user_id = $1`, [userId]);
      await m.query(
        `INSERT INTO mfa_recovery_code (user_id, code_hash) SELECT $1, unnest($2::varchar[])
         ON CONFLICT DO NOTHING`,
        [userId, hashes],
      );
    });
  }

  /** Spends a recovery code: true for the one caller whose delete found it. */
  async useRecoveryCode(userId: number, hash: string): Promise<boolean> {
    const [, affected] = await this.codes.query<UpdateResult>(
      `DELETE FROM mfa_recovery_code WHERE user_id = $1 AND code_hash = $2`,
      [userId, hash],
    );
    return affected === 1;
  }

  async countRecoveryCodes(userId: number): Promise<number> {
    const [{ n }] = await this.codes.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM mfa_recovery_code WHERE user_id = $1`,
      [userId],
    );
    return n;
  }

  /** A new second step; the user's expired ones are cleared on the way. */
  async insertChallenge(tokenHash: string, c: MfaChallenge, expiresAt: Date, now: Date): Promise<void> {
    await this.challenges.query(`DELETE FROM mfa_challenge WHERE user_id = $1 AND expires_at <= $2`, [
      c.userId,
      now,
    ]);
    await this.challenges.query(
      `INSERT INTO mfa_challenge (token_hash, user_id, purpose, webauthn_challenge, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [tokenHash, c.userId, c.purpose, c.webauthnChallenge, expiresAt],
    );
  }

  /**
   * Takes one attempt of a live challenge (one conditional update, so parallel guesses cannot exceed
   * `maxAttempts`); null when it is unknown, expired, used or out of attempts.
   */
  async takeAttempt(tokenHash: string, now: Date, maxAttempts: number): Promise<MfaChallenge | null> {
    const [rows] = await this.challenges.query<UpdateResult<MfaChallenge>>(
      `UPDATE mfa_challenge SET attempts = attempts + 1
       WHERE token_hash = $1 AND expires_at > $2 AND attempts < $3
       RETURNING user_id AS "userId", purpose, webauthn_challenge AS "webauthnChallenge"`,
      [tokenHash, now, maxAttempts],
    );
    return rows[0] ?? null;
  }

  /** Ends a challenge: true for the one caller that deleted it (single use). */
  async endChallenge(tokenHash: string): Promise<boolean> {
    const [, affected] = await this.challenges.query<UpdateResult>(
      `DELETE FROM mfa_challenge WHERE token_hash = $1`,
      [tokenHash],
    );
    return affected === 1;
  }
}
