import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A second factor of a user: a TOTP device (django-otp's TOTPDevice fields) or a passkey. */
@Entity({ name: 'mfa_device' })
@Unique('uq_mfa_device_credential_id', ['credentialId'])
@Index('ix_mfa_device_user_id', ['userId'])
export class MfaDeviceEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_mfa_device',
  })
  id: string;

  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey('users', 'id', { name: 'fk_mfa_device_user', onDelete: 'CASCADE' })
  userId: number;

  /** `totp` or `webauthn`. */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** TOTP: the key (sealed with MFA_ENCRYPTION_KEY when set); passkey: the COSE public key, base64url. */
  @Column({ type: 'text' })
  secret: string;

  @Column({ type: 'smallint', default: 6 })
  digits: number;

  @Column({ type: 'integer', default: 30 })
  step: number;

  @Column({ type: 'bigint', default: 0 })
  t0: string;

  @Column({ type: 'integer', default: 0 })
  drift: number;

  /** The last time-step a code was accepted for (a replay of it or an earlier one is refused). */
  @Column({ name: 'last_t', type: 'bigint', default: -1 })
  lastT: string;

  @Column({ name: 'credential_id', type: 'varchar', length: 1024, nullable: true })
  credentialId: string | null;

  @Column({ name: 'sign_count', type: 'bigint', default: 0 })
  signCount: string;

  @Column({ type: 'boolean', default: false })
  confirmed: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created: Date;

  @Column({ name: 'last_used', type: 'timestamptz', nullable: true })
  lastUsed: Date | null;
}
