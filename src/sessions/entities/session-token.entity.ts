import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { SessionEntity } from './session.entity';

/** A refresh (or sliding) token of a session, by jti, with its place in the rotation chain. */
@Entity({ name: 'auth_session_token' })
@Index('ix_auth_session_token_session_id', ['sessionId'])
export class SessionTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 255, primaryKeyConstraintName: 'pk_auth_session_token' })
  jti: string;

  @Column({ name: 'session_id', type: 'varchar', length: 32 })
  @ForeignKey(() => SessionEntity, 'id', { name: 'fk_auth_session_token_session', onDelete: 'CASCADE' })
  sessionId: string;

  @Column({ name: 'parent_jti', type: 'varchar', length: 255, nullable: true })
  parentJti: string | null;

  @Column({ name: 'successor_jti', type: 'varchar', length: 255, nullable: true })
  successorJti: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  /** Set when the token was rotated out (a successor issued); null: never rotated. */
  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;
}
