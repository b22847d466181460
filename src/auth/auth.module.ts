import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { TokenBlacklistModule } from '../token-blacklist/token-blacklist.module';
import { LoginAttemptsModule } from '../traffic/login-attempts.module';
import { UsersModule } from '../users/users.module';
import { AccessAuthenticator } from './access-authenticator';
import { AccessGate } from './access-gate';
import { JwsCodec } from './jws-codec';
import { createJwsCodec } from './jws-codec.factory';
import { KeyRing } from './keys/key-ring';
import { KeysModule } from './keys/keys.module';
import { TokenMinter } from './token-minter';
import { TokenValidator } from './token-validator';
import { TokenController } from './token.controller';
import { TokenService } from './token.service';
import { UserResolver } from './user-resolver';

@Module({
  imports: [KeysModule, TokenBlacklistModule, UsersModule, LoginAttemptsModule, SessionsModule],
  controllers: [TokenController],
  providers: [
    { provide: JwsCodec, inject: [KeyRing], useFactory: createJwsCodec },
    TokenValidator,
    TokenMinter,
    UserResolver,
    TokenService,
    AccessGate,
    AccessAuthenticator,
  ],
  exports: [AccessAuthenticator, TokenService],
})
export class AuthModule {}
