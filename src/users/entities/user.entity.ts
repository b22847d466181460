import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Django's auth_user, trimmed to what a token service needs. */
@Entity({ name: 'users' })
@Unique('uq_users_username', ['username'])
export class UserEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'integer',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_users',
  })
  id: number;

  /** Case-sensitive, unique, stored exactly as given. */
  @Column({ type: 'varchar', length: 150 })
  username: string;

  @Column({ type: 'varchar', length: 254, default: '' })
  email: string;

  /** A PHC string (argon2id), never the password. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @Column({ name: 'is_staff', type: 'boolean', default: false })
  isStaff: boolean;

  @Column({ name: 'is_superuser', type: 'boolean', default: false })
  isSuperuser: boolean;

  @Column({ name: 'last_login', type: 'timestamptz', nullable: true })
  lastLogin: Date | null;

  @Column({ name: 'date_joined', type: 'timestamptz', default: () => 'now()' })
  dateJoined: Date;
}
