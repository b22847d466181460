import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { MfaModule } from '../mfa/mfa.module';
import { SessionsModule } from '../sessions/sessions.module';
import { LoginAttemptsModule } from '../traffic/login-attempts.module';
import { TrafficModule } from '../traffic/traffic.module';
import { UsersModule } from '../users/users.module';
import { AccessGate } from './access-gate';
import { BearerTokenExtractor } from './bearer-token.extractor';
import { JwtAuthGuard } from './jwt-auth.guard';
import { jwtModuleOptions } from './jwt-library.options';
import { JwtStrategy } from './jwt.strategy';
import { KeyRing } from './keys/key-ring';
import { KeysModule } from './keys/keys.module';
import { TokenMinter } from './token-minter';
import { TokenPrecheck } from './token-precheck';
import { TokenValidator } from './token-validator';
import { TokenController } from './token.controller';
import { TokenIntrospector } from './token-introspector';
import { TokenService } from './token.service';
import { UserResolver } from './user-resolver';

@Module({
  imports: [
    KeysModule,
    JwtModule.registerAsync({ imports: [KeysModule], inject: [KeyRing], useFactory: jwtModuleOptions }),
    PassportModule,
    UsersModule,
    LoginAttemptsModule,
    SessionsModule,
    ApiKeysModule,
    TrafficModule,
    MfaModule,
  ],
  controllers: [TokenController],
  providers: [
    TokenPrecheck,
    TokenValidator,
    TokenMinter,
    UserResolver,
    TokenService,
    AccessGate,
    BearerTokenExtractor,
    JwtStrategy,
    JwtAuthGuard,
    TokenIntrospector,
  ],
  exports: [JwtAuthGuard, TokenService, TokenIntrospector],
})
export class AuthModule {}
