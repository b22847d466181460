import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** Per user: session-less tokens issued at or before `revokedBefore` are dead. */
@Entity({ name: 'auth_user_cutoff' })
export class UserCutoffEntity {
  @PrimaryColumn({ name: 'user_id', type: 'integer', primaryKeyConstraintName: 'pk_auth_user_cutoff' })
  @ForeignKey('users', 'id', { name: 'fk_auth_user_cutoff_user', onDelete: 'CASCADE' })
  userId: number;

  @Column({ name: 'revoked_before', type: 'timestamptz' })
  revokedBefore: Date;
}
