import { FastifyRequest } from 'fastify';
import { ValidToken } from './token-types';

/** What every module may know of the user a request acts for (the users module's User satisfies it). */
export interface PrincipalUser {
  id: number;
  username: string;
  isActive: boolean;
  isStaff: boolean;
  isSuperuser: boolean;
}

/** What a request authenticated by an access token carries. */
export interface Principal<U extends PrincipalUser = PrincipalUser> {
  user: U;
  token: ValidToken;
}

/** A request after the global JWT guard: `user` is the principal (Passport's convention). */
export type AuthenticatedRequest = FastifyRequest & { user: Principal };
