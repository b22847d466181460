import { CharField } from '../../common/serializer-fields';

/** POST /api/token/blacklist/: simplejwt's TokenBlacklistSerializer. */
export class BlacklistTokenDto {
  @CharField({
    trim: true,
    description: 'The refresh token to end (JWT_REFRESH_COOKIE: may come from the cookie instead).',
  })
  refresh: string;
}
