import { Module } from '@nestjs/common';
import { DeviceTokens } from './device-tokens';
import { LoginAttemptsService } from './login-attempts.service';

/** The brute-force defence of password checks (login, password change), with its device tokens. */
@Module({
  providers: [LoginAttemptsService, DeviceTokens],
  exports: [LoginAttemptsService],
})
export class LoginAttemptsModule {}
