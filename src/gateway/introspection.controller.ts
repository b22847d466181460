import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiError, ApiRequestBody } from '../common/api-responses';
import { ApiThrottled } from '../traffic/api-throttled.decorator';
import { Permissions } from '../common/access.decorator';
import { CurrentPrincipal } from '../common/current-principal.decorator';
import { Errors, MSG } from '../common/errors';
import { Principal } from '../common/principal';
import { IntrospectTokenDto } from './dto/introspect-token.dto';
import { IntrospectionResponse } from './dto/introspection.response';
import { IntrospectionService } from './introspection.service';

/** The permission an API key needs to introspect tokens (created by a migration). */
export const INTROSPECT_PERMISSION = 'bastion.introspect_token';

/**
 * RFC 7662 token introspection for gateways and resource servers that speak OAuth (Kong's and Tyk's
 * introspection plugins, APISIX): the caller authenticates with an API key holding
 * bastion.introspect_token (RFC 7662 section 2.1: the endpoint requires authorisation).
 */
@ApiTags('gateway')
@ApiSecurity('api-key')
@ApiThrottled()
@Controller('api/token/introspect')
export class IntrospectionController {
  constructor(private readonly introspection: IntrospectionService) {}

  @Post()
  @HttpCode(200)
  @Permissions(INTROSPECT_PERMISSION)
  @ApiOperation({
    summary: 'RFC 7662 token introspection (API key with bastion.introspect_token)',
    description:
      '`{"active": false}` for any token not valid now (garbage, expired, blacklisted, revoked session, ' +
      'inactive or deleted user); otherwise its facts. Form (`token=…`) or JSON body. Bearer tokens are ' +
      'refused (403): introspection is for machines, with an API key.',
  })
  @ApiRequestBody(IntrospectTokenDto)
  @ApiOkResponse({ type: IntrospectionResponse })
  @ApiError(401, 'No API key, or a refused one (`WWW-Authenticate: Bearer realm="api"`)', {
    detail: MSG.notProvided,
  })
  introspect(
    @Body() { token }: IntrospectTokenDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IntrospectionResponse> {
    if (!principal.apiKey) throw Errors.permissionDenied();
    return this.introspection.introspect(token);
  }
}
