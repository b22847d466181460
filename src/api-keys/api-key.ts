import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiKeyPrincipal, PrincipalUser } from '../common/principal';

/** An API key as the services see it (the table stays in the repository). `id` is a bigint, as a string. */
export interface ApiKey {
  id: string;
  prefix: string;
  name: string;
  userId: number;
  /** null: the owner's permissions; a list: at most these. */
  permissions: string[] | null;
  created: Date;
  expires: Date | null;
  lastUsed: Date | null;
}

/** What a request's key is checked against: the row's hash, owner, expiry and scope, kept in memory. */
export interface StoredKey {
  id: string;
  prefix: string;
  userId: number;
  hash: Buffer;
  /** Epoch ms; null: never. */
  expiresAt: number | null;
  scope: ReadonlySet<string> | null;
  /** Epoch ms of the last use queued for `last_used` (see ApiKeyAuthenticator). */
  usedAt: number;
  /** The principal last built for this key, and the owner it was built from (reused while the same). */
  principal: ApiKeyPrincipal | null;
  principalOf: PrincipalUser | null;
}

/** What a request with this key acts as: the owner, without staff or superuser roles when scoped. */
export function principalOf(key: StoredKey, owner: PrincipalUser): ApiKeyPrincipal {
  const user = key.scope ? { ...owner, isStaff: false, isSuperuser: false } : owner;
  const apiKey = { id: key.id, prefix: key.prefix, scope: key.scope, ownerIsSuperuser: owner.isSuperuser };
  return { user, apiKey };
}

/** The scheme of `Authorization: Api-Key <key>` (djangorestframework-api-key's keyword, case as written). */
export const API_KEY_SCHEME = 'Api-Key';

const PREFIX_BYTES = 9; // 12 base64url characters: finds the row, is shown in lists; not a secret
const SECRET_BYTES = 32; // 256 bits: 43 base64url characters
const PREFIX = /^[A-Za-z0-9_-]{12}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/**
 * A new key: `<prefix>.<secret>`, both from the CSPRNG. A prefix never starts with `-` (drawn again,
 * 1 time in 64), so a command line never takes it for an option.
 */
export function newKey(): { prefix: string; key: string } {
  let prefix = randomBytes(PREFIX_BYTES).toString('base64url');
  while (prefix.startsWith('-')) prefix = randomBytes(PREFIX_BYTES).toString('base64url');
  return { prefix, key: `${prefix}.${randomBytes(SECRET_BYTES).toString('base64url')}` };
}

/** The prefix of a well-formed key; null for anything else (a malformed key is refused unread). */
export function prefixOf(key: string): string | null {
  const dot = key.indexOf('.');
  if (dot !== 12 || !PREFIX.test(key.slice(0, 12)) || !SECRET.test(key.slice(13))) return null;
  return key.slice(0, 12);
}

/**
 * SHA-256 of the whole key. The secret is 256 random bits, so a slow password hash would add nothing
 * against guessing and cost milliseconds on every request (GitHub's and Stripe's tokens are stored the
 * same way); the hash keeps a database leak from handing out working keys.
 */
export const hashKey = (key: string): Buffer => createHash('sha256').update(key).digest();

/** Whether `key` is the one whose hash is `hash`, in constant time. */
export const keyMatches = (key: string, hash: Buffer): boolean => timingSafeEqual(hashKey(key), hash);
