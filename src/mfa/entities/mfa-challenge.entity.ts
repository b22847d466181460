import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** The second step of a login under way, by the SHA-256 of its `mfa_token`; deleted when used. */
@Entity({ name: 'mfa_challenge' })
@Index('ix_mfa_challenge_user_id', ['userId'])
export class MfaChallengeEntity {
  @PrimaryColumn({
    name: 'token_hash',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_mfa_challenge',
  })
  tokenHash: string;

  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey('users', 'id', { name: 'fk_mfa_challenge_user', onDelete: 'CASCADE' })
  userId: number;

  /** What the first step asked for: `pair` (POST /api/token/) or `sliding`. */
  @Column({ type: 'varchar', length: 16 })
  purpose: string;

  @Column({ name: 'webauthn_challenge', type: 'varchar', length: 128, nullable: true })
  webauthnChallenge: string | null;

  @Column({ type: 'smallint', default: 0 })
  attempts: number;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
