import { CharField } from '../../common/serializer-fields';

/** POST /api/token/verify/: simplejwt's TokenVerifySerializer. */
export class VerifyTokenDto {
  @CharField({ trim: true, description: 'A token of any type.' })
  token: string;
}
