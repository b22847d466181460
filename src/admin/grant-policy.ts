import { Injectable } from '@nestjs/common';
import { Errors } from '../common/errors';
import { Principal } from '../common/principal';
import { UserAccessService } from '../permissions/user-access.service';

/**
 * No one hands out what they may not use: a principal may put into a user's or a group's permissions
 * (directly, or through the groups they assign) only permissions it may use itself (403
 * permission_denied otherwise) — for a token, what the user holds (a superuser: all); for an API key,
 * its scope cut to what the owner holds now (UserAccessService.usableBy). Django's admin lets
 * auth.change_user grant anything; Bastion closes that escalation, for keys too.
 */
@Injectable()
export class GrantPolicy {
  constructor(private readonly access: UserAccessService) {}

  async check(actor: Principal, permissions: Iterable<string>): Promise<void> {
    const usable = await this.access.usableBy(actor);
    if (usable === null) return;
    for (const p of permissions) if (!usable.has(p)) throw Errors.permissionDenied();
  }
}
