import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Django's auth_group. */
@Entity({ name: 'auth_group' })
@Unique('uq_auth_group_name', ['name'])
export class GroupEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'integer',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_auth_group',
  })
  id: number;

  @Column({ type: 'varchar', length: 150 })
  name: string;
}
