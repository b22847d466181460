import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';
import { JwtConfig } from '../../config/jwt.config';
import { createKeyRing } from './key-ring.factory';
import { JwksController } from './jwks.controller';
import { KeyRing } from './key-ring';

/** The signing/verification keys (built once) and their public JWKS endpoint. */
@Module({
  controllers: [JwksController],
  providers: [{ provide: KeyRing, inject: [JwtConfig, AppConfig], useFactory: createKeyRing }],
  exports: [KeyRing],
})
export class KeysModule {}
