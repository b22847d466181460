import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * simplejwt's OutstandingToken: every refresh and sliding token issued. The token itself is not
 * stored, only its SHA-256: the table is not a vault of live credentials.
 */
@Entity({ name: 'outstanding_token' })
@Unique('uq_outstanding_token_jti', ['jti'])
@Index('ix_outstanding_token_user_id', ['userId'])
@Index('ix_outstanding_token_expires_at', ['expiresAt'])
export class OutstandingTokenEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_outstanding_token',
  })
  id: string;

  /** Null when the user is deleted, or for a token we did not issue ourselves (imported). */
  @Column({ name: 'user_id', type: 'integer', nullable: true })
  @ForeignKey('users', 'id', { name: 'fk_outstanding_token_user', onDelete: 'SET NULL' })
  userId: number | null;

  @Column({ type: 'varchar', length: 255 })
  jti: string;

  @Column({ name: 'token_sha256', type: 'char', length: 64 })
  tokenSha256: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
