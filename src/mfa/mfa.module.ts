import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecurityEventsModule } from '../security-events/security-events.module';
import { LoginAttemptsModule } from '../traffic/login-attempts.module';
import { UsersModule } from '../users/users.module';
import { MfaChallengeEntity } from './entities/mfa-challenge.entity';
import { MfaDeviceEntity } from './entities/mfa-device.entity';
import { MfaRecoveryCodeEntity } from './entities/mfa-recovery-code.entity';
import { DjangoOtpImporter } from './django-otp-importer';
import { MfaAdminService } from './mfa-admin.service';
import { MfaController } from './mfa.controller';
import { MfaEnrolmentService } from './mfa-enrolment.service';
import { MfaRepository } from './mfa.repository';
import { MfaSecrets } from './mfa-secrets';
import { PasskeyFactor } from './passkey-factor';
import { RecoveryCodes } from './recovery-codes';
import { SecondFactorService } from './second-factor.service';
import { TotpFactor } from './totp-factor';

/**
 * Second factors: the mfa_* tables, TOTP and passkeys with recovery codes, the user's own enrolment
 * (/api/users/me/mfa/), the login's second step (used by the token endpoints) and what operators see.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([MfaDeviceEntity, MfaRecoveryCodeEntity, MfaChallengeEntity]),
    UsersModule,
    LoginAttemptsModule,
    SecurityEventsModule,
  ],
  controllers: [MfaController],
  providers: [
    MfaRepository,
    MfaSecrets,
    TotpFactor,
    PasskeyFactor,
    RecoveryCodes,
    MfaEnrolmentService,
    SecondFactorService,
    MfaAdminService,
    DjangoOtpImporter,
  ],
  exports: [SecondFactorService, MfaAdminService, DjangoOtpImporter],
})
export class MfaModule {}
