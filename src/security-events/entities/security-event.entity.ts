import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One line of the audit trail. No foreign keys: events outlive the users and sessions they name. */
@Entity({ name: 'security_event' })
@Index('ix_security_event_created_at', ['createdAt'])
@Index('ix_security_event_user_id', ['userId', 'id'])
@Index('ix_security_event_type', ['type', 'id'])
export class SecurityEventEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_security_event',
  })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId: number | null;

  @Column({ type: 'varchar', length: 150, nullable: true })
  username: string | null;

  @Column({ name: 'session_id', type: 'varchar', length: 32, nullable: true })
  sessionId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  detail: string | null;

  /** The user who made the change (NULL: the CLI, or no one signed in). */
  @Column({ name: 'actor_id', type: 'integer', nullable: true })
  actorId: number | null;

  /** The prefix of the API key the actor used (NULL: an access token, or no actor). */
  @Column({ name: 'actor_key', type: 'varchar', length: 16, nullable: true })
  actorKey: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
