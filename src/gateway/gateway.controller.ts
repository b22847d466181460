import { All, Controller, HttpCode, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/public.decorator';
import { SkipThrottling } from '../traffic/throttle.decorators';
import { ForwardAuthService } from './forward-auth.service';

/**
 * The forward-auth endpoint a gateway asks before each upstream request (nginx auth_request, Caddy
 * forward_auth, Traefik ForwardAuth, Envoy ext_authz in HTTP mode). @Public: it authenticates itself,
 * after the path rule (a public path passes without credentials). Not throttled per client: every
 * request arrives from the gateway, which owns the per-client limits of the traffic it forwards.
 * Not in the OpenAPI document (one operation cannot say "any method"): docs/gateway.md documents it.
 */
@ApiExcludeController()
@Controller('api/auth/check')
export class GatewayController {
  constructor(private readonly forwardAuth: ForwardAuthService) {}

  @All()
  @Public()
  @SkipThrottling()
  @HttpCode(200)
  async check(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, never>> {
    const headers = await this.forwardAuth.check(req, reply);
    void reply.headers(headers);
    return {};
  }
}
