import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An API key of a user: its public prefix and the SHA-256 of the whole key, never the key itself. */
@Entity({ name: 'api_key' })
@Unique('uq_api_key_prefix', ['prefix'])
@Index('ix_api_key_user_id', ['userId'])
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_api_key',
  })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ name: 'hashed_key', type: 'varchar', length: 64 })
  hashedKey: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey('users', 'id', { name: 'fk_api_key_user', onDelete: 'CASCADE' })
  userId: number;

  /** NULL: the owner's permissions; a list: at most these (`app_label.codename`). */
  @Column({ type: 'varchar', length: 255, array: true, nullable: true })
  permissions: string[] | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  created: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expires: Date | null;

  @Column({ name: 'last_used', type: 'timestamptz', nullable: true })
  lastUsed: Date | null;

  @Column({ type: 'boolean', default: false })
  revoked: boolean;
}
