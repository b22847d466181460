import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthenticatedRequest } from '../common/principal';
import { Errors } from '../common/errors';

/** After the global JWT guard: only `is_staff` users pass; others get 403 permission_denied. */
@Injectable()
export class StaffOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!req.user?.user.isStaff) throw Errors.permissionDenied();
    return true;
  }
}
