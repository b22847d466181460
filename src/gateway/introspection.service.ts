import { Injectable } from '@nestjs/common';
import { TokenIntrospector } from '../auth/token-introspector';
import { AccessGuard } from '../permissions/access.guard';
import { IntrospectionResponse } from './dto/introspection.response';
import { ALL_PERMISSIONS } from './identity-headers';

const INACTIVE: IntrospectionResponse = { active: false };

/** RFC 7662 introspection: the token's facts when it is active now, with the user's permissions as scope. */
@Injectable()
export class IntrospectionService {
  constructor(
    private readonly introspector: TokenIntrospector,
    private readonly access: AccessGuard,
  ) {}

  async introspect(raw: string): Promise<IntrospectionResponse> {
    const live = await this.introspector.introspect(raw);
    if (!live) return INACTIVE;
    const { token, type, user } = live;
    const permissions = user.isSuperuser
      ? ALL_PERMISSIONS
      : [...(await this.access.grantedTo({ user, token }))].sort().join(' ');
    const iat = token.claims.iat;
    return {
      active: true,
      sub: String(user.id),
      username: user.username,
      exp: Math.floor(token.exp),
      ...(typeof iat === 'number' ? { iat: Math.floor(iat) } : {}),
      jti: token.jti,
      token_type: type,
      scope: permissions,
    };
  }
}
