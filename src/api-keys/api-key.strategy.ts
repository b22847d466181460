import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { ApiKeyPrincipal } from '../common/principal';
import { ApiKeyAuthenticator } from './api-key.authenticator';

/**
 * The second strategy of the global guard (AuthGuard(['jwt', 'api-key'])), on passport-headerapikey:
 * it hands over the whole `Authorization` header (no prefix of its own: ApiKeyAuthenticator reads the
 * scheme as DRF does, so `Api-Key` with no key or with spaces gets DRF's own messages). Passport asks
 * it only when the JWT strategy found no bearer token; a header of another scheme is "not mine"
 * (false), and the guard answers as for a missing token.
 */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key') {
  constructor(private readonly authenticator: ApiKeyAuthenticator) {
    super({ header: 'Authorization', prefix: '' }, false);
  }

  validate(header: string): Promise<ApiKeyPrincipal> | false {
    return this.authenticator.authenticate(header);
  }
}
