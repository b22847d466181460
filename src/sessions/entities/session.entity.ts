import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A session: one refresh-token family, from a login (or a session-less token's first refresh). */
@Entity({ name: 'auth_session' })
@Index('ix_auth_session_user_id', ['userId'])
// An expression index (GREATEST(expires_at, refresh_expires_at)) TypeORM cannot describe: the migration owns it.
@Index('ix_auth_session_gone_at', { synchronize: false })
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'pk_auth_session' })
  id: string;

  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey('users', 'id', { name: 'fk_auth_session_user', onDelete: 'CASCADE' })
  userId: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', default: () => 'now()' })
  lastUsedAt: Date;

  /** The absolute cap (JWT_SESSION_MAX_LIFETIME). */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** When its newest refresh (or sliding) token stops being usable. */
  @Column({ name: 'refresh_expires_at', type: 'timestamptz' })
  refreshExpiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoke_reason', type: 'varchar', length: 32, nullable: true })
  revokeReason: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent: string | null;
}
