import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Django's auth_user_user_permissions (a many-to-many row). */
@Entity({ name: 'auth_user_user_permissions' })
@Index('ix_auth_user_user_permissions_permission_id', ['permissionId'])
@Unique('uq_auth_user_user_permissions', ['userId', 'permissionId'])
export class UserPermissionEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_auth_user_user_permissions',
  })
  id: string;

  @Column({ name: 'user_id', type: 'integer' })
  @ForeignKey('users', 'id', { name: 'fk_auth_user_user_permissions_user', onDelete: 'CASCADE' })
  userId: number;

  @Column({ name: 'permission_id', type: 'integer' })
  @ForeignKey('auth_permission', 'id', {
    name: 'fk_auth_user_user_permissions_permission',
    onDelete: 'CASCADE',
  })
  permissionId: number;
}
