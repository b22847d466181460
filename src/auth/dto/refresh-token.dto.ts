import { CharField } from '../../common/serializer-fields';

/** POST /api/token/refresh/: simplejwt's TokenRefreshSerializer. */
export class RefreshTokenDto {
  @CharField({
    trim: true,
    description:
      'A refresh token from POST /api/token/ (JWT_REFRESH_COOKIE: may come from the cookie instead).',
  })
  refresh: string;
}
