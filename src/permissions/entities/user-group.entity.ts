import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Django's auth_user_groups (a many-to-many row). */
@Entity({ name: 'auth_user_groups' })
@Unique('uq_auth_user_groups', ['userId', 'groupId'])
export class UserGroupEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_auth_user_groups',
  })
  id: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'group_id', type: 'integer' })
  groupId: number;
}
