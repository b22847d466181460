import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Django's auth_group_permissions (a many-to-many row). */
@Entity({ name: 'auth_group_permissions' })
@Index('ix_auth_group_permissions_permission_id', ['permissionId'])
@Unique('uq_auth_group_permissions', ['groupId', 'permissionId'])
export class GroupPermissionEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_auth_group_permissions',
  })
  id: string;

  @Column({ name: 'group_id', type: 'integer' })
  @ForeignKey('auth_group', 'id', { name: 'fk_auth_group_permissions_group', onDelete: 'CASCADE' })
  groupId: number;

  @Column({ name: 'permission_id', type: 'integer' })
  @ForeignKey('auth_permission', 'id', { name: 'fk_auth_group_permissions_permission', onDelete: 'CASCADE' })
  permissionId: number;
}
