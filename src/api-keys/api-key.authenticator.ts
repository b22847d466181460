import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Errors, MSG } from '../common/errors';
import { ApiKeyPrincipal } from '../common/principal';
import { WriteBehind } from '../common/write-behind';
import { UserStateCache } from '../users/user-state.cache';
import { API_KEY_SCHEME, keyMatches, prefixOf, principalOf, StoredKey } from './api-key';
import { ApiKeyCache } from './api-key.cache';
import { ApiKeyRepository } from './api-key.repository';

/** `last_used` is as fresh as this: a key's uses within it are one write. */
const USE_RESOLUTION_MS = 1_000;
/** Queued uses are written this often (and on a clean shutdown). */
const USE_FLUSH_MS = 5_000;

const ASCII_WHITESPACE = /[ \t\n\r\v\f]+/;
/** Whitespace other than a space: a malformed header (`Api-Key<TAB>key`), never another scheme. */
const OTHER_WHITESPACE = /[\t\n\r\v\f]/;

/**
 * DRF TokenAuthentication's steps for `Authorization: Api-Key <prefix>.<secret>`, from memory on the hot
 * path: the key by its prefix (ApiKeyCache), its hash compared in constant time, its expiry, then its
 * owner (the users' cache: an inactive or deleted owner fails at once). Each use moves `last_used`,
 * written behind in batches, never a write per request.
 */
@Injectable()
export class ApiKeyAuthenticator implements BeforeApplicationShutdown {
  private readonly uses: WriteBehind<{ id: string; at: Date }>;

  constructor(
    private readonly cache: ApiKeyCache,
    private readonly users: UserStateCache,
    private readonly clock: Clock,
    keys: ApiKeyRepository,
  ) {
    this.uses = new WriteBehind('ApiKeyUses', (batch) => keys.touch(batch), {
      intervalMs: USE_FLUSH_MS,
      maxPending: 10_000,
      key: (u) => u.id,
      merge: (older, newer) => (newer.at > older.at ? newer : older),
    });
  }

  /**
   * The principal of an `Authorization` header; false when the header is not of the Api-Key scheme
   * (another scheme is the JWT strategy's). The scheme is the header's first word, whatever whitespace
   * follows it (as DRF splits the header); the key is separated by spaces only, so `Api-Key<TAB>key` is
   * the Api-Key scheme's malformed header. Throws DRF's 401 authentication_failed for a bad key.
   */
  authenticate(header: string): Promise<ApiKeyPrincipal> | false {
    const parts = header.split(ASCII_WHITESPACE).filter((p) => p !== '');
    if (parts[0] !== API_KEY_SCHEME) return false;
    if (parts.length === 1) throw Errors.apiKeyRejected(MSG.apiKeyHeaderEmpty);
    if (parts.length > 2 || OTHER_WHITESPACE.test(header))
      throw Errors.apiKeyRejected(MSG.apiKeyHeaderSpaces);
    const key = parts[1];
    const prefix = prefixOf(key);
    if (prefix === null) throw Errors.apiKeyRejected(MSG.invalidApiKey);
    const stored = this.cache.peek(prefix);
    return stored !== undefined
      ? this.admit(key, stored)
      : this.cache.get(prefix).then((loaded) => this.admit(key, loaded));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.uses.flush();
  }

  private async admit(key: string, stored: StoredKey | null): Promise<ApiKeyPrincipal> {
    if (stored === null || !keyMatches(key, stored.hash)) throw Errors.apiKeyRejected(MSG.invalidApiKey);
    const now = this.clock.now();
    if (stored.expiresAt !== null && stored.expiresAt <= now) throw Errors.apiKeyRejected(MSG.apiKeyExpired);
    const { user } = this.users.peekId(stored.userId) ?? (await this.users.ofId(stored.userId));
    if (!user || !user.isActive) throw Errors.apiKeyRejected(MSG.apiKeyOwnerInactive);
    if (now - stored.usedAt >= USE_RESOLUTION_MS) {
      stored.usedAt = now;
      void this.uses.add({ id: stored.id, at: new Date(now) });
    }
    if (stored.principal === null || stored.principalOf !== user) {
      stored.principal = principalOf(stored, user);
      stored.principalOf = user;
    }
    return stored.principal;
  }
}
