import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app.config';
import { JwtConfig } from '../config/jwt.config';
import { TokenBlacklistModule } from '../token-blacklist/token-blacklist.module';
import { UsersModule } from '../users/users.module';
import { AccessAuthenticator } from './access-authenticator';
import { JwsCodec } from './jws-codec';
import { createJwsCodec } from './jws-codec.factory';
import { TokenMinter } from './token-minter';
import { TokenValidator } from './token-validator';
import { TokenController } from './token.controller';
import { TokenService } from './token.service';
import { UserResolver } from './user-resolver';

@Module({
  imports: [TokenBlacklistModule, UsersModule],
  controllers: [TokenController],
  providers: [
    { provide: JwsCodec, inject: [JwtConfig, AppConfig], useFactory: createJwsCodec },
    TokenValidator,
    TokenMinter,
    UserResolver,
    TokenService,
    AccessAuthenticator,
  ],
  exports: [AccessAuthenticator, TokenService],
})
export class AuthModule {}
