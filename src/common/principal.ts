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
export interface TokenPrincipal<U extends PrincipalUser = PrincipalUser> {
  user: U;
  token: ValidToken;
  apiKey?: undefined;
}

/** The key a request authenticated with `Authorization: Api-Key <key>`. */
export interface ApiKeyGrant {
  id: string;
  /** The key's public prefix (named in the audit trail as the actor's key). */
  prefix: string;
  /** null: the owner's permissions; a set: at most these (and never more than the owner's). */
  scope: ReadonlySet<string> | null;
  /** Whether the owner is a superuser (for a scoped key: its scope is then what it may do). */
  ownerIsSuperuser: boolean;
}

/**
 * What a request authenticated by an API key carries. For a key with a scope, `user` is the owner
 * with `isStaff` and `isSuperuser` off: the key may do what its scope allows, never what a role would.
 */
export interface ApiKeyPrincipal<U extends PrincipalUser = PrincipalUser> {
  user: U;
  token?: undefined;
  apiKey: ApiKeyGrant;
}

/** Who a request acts for: a user through an access token, or through one of their API keys. */
export type Principal<U extends PrincipalUser = PrincipalUser> = TokenPrincipal<U> | ApiKeyPrincipal<U>;

/** A request after the global JWT guard: `user` is the principal (Passport's convention). */
export type AuthenticatedRequest = FastifyRequest & { user: Principal };
