import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { ForwardAuthService } from './forward-auth.service';
import { GatewayController } from './gateway.controller';
import { GatewayRules } from './gateway-rules';
import { IntrospectionController } from './introspection.controller';
import { IntrospectionService } from './introspection.service';

/** What a gateway in front of an upstream API asks Bastion: forward auth and RFC 7662 introspection. */
@Module({
  imports: [AuthModule, PermissionsModule],
  controllers: [GatewayController, IntrospectionController],
  providers: [GatewayRules, ForwardAuthService, IntrospectionService],
})
export class GatewayModule {}
