import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Django's auth_user_user_permissions (a many-to-many row). */
@Entity({ name: 'auth_user_user_permissions' })
@Unique('uq_auth_user_user_permissions', ['userId', 'permissionId'])
export class UserPermissionEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_auth_user_user_permissions',
  })
  id: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'permission_id', type: 'integer' })
  permissionId: number;
}
