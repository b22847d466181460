import { Injectable } from '@nestjs/common';
import { ClientContext } from '../common/client-context.decorator';
import { Errors } from '../common/errors';
import { RevocationService } from '../sessions/revocation.service';
import { UserLifecycleService } from '../users/user-lifecycle.service';
import { UserEntity } from '../users/entities/user.entity';
import { ListedUser } from '../users/listed-user';
import { UsersService } from '../users/users.service';

const ID = /^[1-9]\d{0,9}$/;
const MAX_ID = 2147483647;

/** Staff actions on users, by id; an id that is malformed or names nobody is 404. */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly users: UsersService,
    private readonly lifecycle: UserLifecycleService,
    private readonly revocation: RevocationService,
  ) {}

  page(search: string, limit: number, offset: number): Promise<{ count: number; users: ListedUser[] }> {
    return this.users.page(search, limit, offset);
  }

  async setActive(id: string, active: boolean, client: ClientContext): Promise<UserEntity> {
    const user = await this.require(id);
    await this.lifecycle.setActive(user.username, active, client);
    return { ...user, isActive: active };
  }

  async delete(id: string, client: ClientContext): Promise<void> {
    const user = await this.require(id);
    if (!(await this.lifecycle.delete(user.username, client))) throw Errors.notFound();
  }

  async revokeSessions(id: string, client: ClientContext): Promise<number> {
    const user = await this.require(id);
    return this.revocation.revokeUser(user.id, { reason: 'admin', sessionless: true }, { client });
  }

  private async require(id: string): Promise<UserEntity> {
    if (!ID.test(id) || Number(id) > MAX_ID) throw Errors.notFound();
    const user = await this.users.findById(Number(id));
    if (!user) throw Errors.notFound();
    return user;
  }
}
