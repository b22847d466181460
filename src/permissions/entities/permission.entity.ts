import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Django's auth_permission; `app_label` stands in for the content type (a permission is `app_label.codename`). */
@Entity({ name: 'auth_permission' })
@Unique('uq_auth_permission_app_label_codename', ['appLabel', 'codename'])
export class PermissionEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'integer',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_auth_permission',
  })
  id: number;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'app_label', type: 'varchar', length: 100 })
  appLabel: string;

  @Column({ type: 'varchar', length: 100 })
  codename: string;
}
