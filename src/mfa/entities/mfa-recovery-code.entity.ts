import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One unused recovery code of a user, as its SHA-256 (a used code's row is deleted). */
@Entity({ name: 'mfa_recovery_code' })
@Unique('uq_mfa_recovery_code_user_hash', ['userId', 'codeHash'])
export class MfaRecoveryCodeEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_mfa_recovery_code',
  })
  id: string;

  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey('users', 'id', { name: 'fk_mfa_recovery_code_user', onDelete: 'CASCADE' })
  userId: number;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;
}
