import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Django's auth_group_permissions (a many-to-many row). */
@Entity({ name: 'auth_group_permissions' })
@Unique('uq_auth_group_permissions', ['groupId', 'permissionId'])
export class GroupPermissionEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_auth_group_permissions',
  })
  id: string;

  @Column({ name: 'group_id', type: 'integer' })
  groupId: number;

  @Column({ name: 'permission_id', type: 'integer' })
  permissionId: number;
}
