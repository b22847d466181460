import { CharField } from '../../common/serializer-fields';

/** POST /api/token/sliding/refresh/: simplejwt's TokenRefreshSlidingSerializer. */
export class SlidingTokenDto {
  @CharField({ trim: true, description: 'A sliding token from POST /api/token/sliding/.' })
  token: string;
}
