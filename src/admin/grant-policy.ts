import { Injectable } from '@nestjs/common';
import { Errors } from '../common/errors';
import { PrincipalUser } from '../common/principal';
import { UserAccessService } from '../permissions/user-access.service';

/**
 * No one hands out what they do not hold: a user who is not a superuser may put into a user's or a
 * group's permissions (directly, or through the groups they assign) only permissions they hold
 * themselves (403 permission_denied otherwise). Django's admin lets auth.change_user grant anything;
 * Bastion closes that escalation.
 */
@Injectable()
export class GrantPolicy {
  constructor(private readonly access: UserAccessService) {}

  async check(actor: PrincipalUser, permissions: Iterable<string>): Promise<void> {
    if (actor.isSuperuser) return;
    const held = await this.access.effectiveOf(actor.id);
    for (const p of permissions) if (!held.has(p)) throw Errors.permissionDenied();
  }
}
