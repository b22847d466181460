import { CanActivate, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app.config';

/**
 * REGISTRATION_ENABLED=false: 403 before the body is read, as DRF checks permissions before the
 * serializer (a disabled registration never answers field errors).
 */
@Injectable()
export class RegistrationOpenGuard implements CanActivate {
  constructor(private readonly app: AppConfig) {}

  canActivate(): boolean {
    if (!this.app.registrationEnabled) {
      throw DomainError.coded('permission_denied', 'Registration is disabled.');
    }
    return true;
  }
}
