import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthenticatedRequest } from '../common/principal';
import { MfaAdminService } from '../mfa/mfa-admin.service';

/**
 * MFA_REQUIRED_FOR_STAFF: on the admin API, a staff user or superuser without a second factor gets
 * 403 `mfa_required` (they may log in, and enrol at /api/users/me/mfa/). Off: one no-op call.
 */
@Injectable()
export class StaffMfaGuard implements CanActivate {
  constructor(private readonly mfa: MfaAdminService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (principal) await this.mfa.requireForStaff(principal.user);
    return true;
  }
}
