import { BooleanField } from '../../common/serializer-fields';

/** POST /api/sessions/revoke-all/ (the body is optional). */
export class RevokeAllSessionsDto {
  @BooleanField({ default: false, description: 'Keep the session of the token making this request' })
  keep_current: boolean;
}
