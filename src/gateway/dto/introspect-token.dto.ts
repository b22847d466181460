import { CharField } from '../../common/serializer-fields';

/** POST /api/token/introspect/ (RFC 7662 section 2.1): `token`, and an optional `token_type_hint`. */
export class IntrospectTokenDto {
  @CharField({ trim: true, description: 'The token to introspect (access, refresh or sliding).' })
  token: string;
}
