import { UserEntity } from './entities/user.entity';

/** A user as the staff listing shows it: everything but the password hash. */
export type ListedUser = Omit<UserEntity, 'passwordHash'>;
