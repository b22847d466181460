import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Django's auth_user_groups (a many-to-many row). */
@Entity({ name: 'auth_user_groups' })
@Index('ix_auth_user_groups_group_id', ['groupId'])
@Unique('uq_auth_user_groups', ['userId', 'groupId'])
export class UserGroupEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_auth_user_groups',
  })
  id: string;

  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey('users', 'id', { name: 'fk_auth_user_groups_user', onDelete: 'CASCADE' })
  userId: number;

  @Column({ name: 'group_id', type: 'integer' })
  @ForeignKey('auth_group', 'id', { name: 'fk_auth_user_groups_group', onDelete: 'CASCADE' })
  groupId: number;
}
