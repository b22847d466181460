import { All, Controller, HttpCode, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ApiAuthenticated } from '../common/api-responses';
import { Public } from '../common/public.decorator';
import { SkipThrottling } from '../traffic/throttle.decorators';
import { ForwardAuthService } from './forward-auth.service';
import { IDENTITY_HEADERS } from './identity-headers';

/**
 * The forward-auth endpoint a gateway asks before each upstream request (nginx auth_request, Caddy
 * forward_auth, Traefik ForwardAuth, Envoy ext_authz in HTTP mode). @Public: it authenticates itself,
 * after the path rule (a public path passes without credentials). Not throttled per client: every
 * request arrives from the gateway, which owns the per-client limits of the traffic it forwards.
 */
@ApiTags('gateway')
@ApiAuthenticated()
@Controller('api/auth/check')
export class GatewayController {
  constructor(private readonly forwardAuth: ForwardAuthService) {}

  @All()
  @Public()
  @SkipThrottling()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Forward auth for a gateway (any method)',
    description:
      "Checks the original request's Authorization (Bearer access token or Api-Key) against the path " +
      'rules (GATEWAY_RULES) for X-Forwarded-Method / X-Forwarded-Uri (or X-Original-Method / ' +
      'X-Original-URI). 200 with the identity headers to pass upstream, 401 with WWW-Authenticate, ' +
      '403 when a rule refuses.',
  })
  @ApiHeader({ name: 'X-Forwarded-Uri', required: false, description: 'The original request URI' })
  @ApiHeader({ name: 'X-Forwarded-Method', required: false, description: 'The original request method' })
  @ApiOkResponse({
    description: 'The request may pass',
    headers: Object.fromEntries(IDENTITY_HEADERS.map((h) => [h, { schema: { type: 'string' } }])),
  })
  async check(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, never>> {
    const headers = await this.forwardAuth.check(req, reply);
    void reply.headers(headers);
    return {};
  }
}
