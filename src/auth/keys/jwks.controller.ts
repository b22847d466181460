import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ApiThrottled } from '../../traffic/api-throttled.decorator';
import { Public } from '../../common/public.decorator';
import { JwtConfig } from '../../config/jwt.config';
import { jwksDocument, PublicJwk } from './jwks';
import { KeyRing } from './key-ring';

/** The public verification keys, for Kong and any other verifier (RFC 7517). Built once at start. */
@ApiTags('keys')
@ApiThrottled()
@Public()
@Controller('.well-known')
export class JwksController {
  private readonly document: { keys: PublicJwk[] };
  private readonly cacheControl: string;

  constructor(ring: KeyRing, config: JwtConfig) {
    this.document = jwksDocument(ring);
    this.cacheControl = `public, max-age=${config.jwksMaxAge}`;
  }

  @Get('jwks.json')
  @ApiOperation({
    summary: 'Public keys that verify our tokens, by kid (HMAC keys are never published)',
    description: 'RFC 7517 key set for gateways (Kong) and other verifiers; cacheable for JWT_JWKS_MAX_AGE.',
  })
  @ApiOkResponse({
    description: 'The key set (empty when only HMAC keys sign)',
    schema: {
      type: 'object',
      required: ['keys'],
      properties: {
        keys: {
          type: 'array',
          items: {
            type: 'object',
            required: ['kty', 'use', 'kid', 'alg', 'token_use'],
            properties: Object.fromEntries(
              ['kty', 'use', 'kid', 'alg', 'token_use', 'n', 'e', 'crv', 'x', 'y'].map((k) => [
                k,
                { type: 'string' },
              ]),
            ),
          },
        },
      },
    },
  })
  jwks(@Res({ passthrough: true }) reply: FastifyReply): { keys: PublicJwk[] } {
    void reply.header('Cache-Control', this.cacheControl);
    return this.document;
  }
}
