import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { TtlCache } from '../common/ttl-cache';
import { RevocationBus } from '../revocation/revocation-bus';
import { StoredKey } from './api-key';
import { ApiKeyRepository } from './api-key.repository';

/** Re-read a key at most this often even if a broadcast were lost; a revocation applies at once. */
const TTL_MS = 5_000;
/** A prefix that names no live key is asked again after this long. */
const MISSING_TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;

/**
 * Live keys by prefix, from memory on the hot path: dropped on every instance through the revocation
 * bus when a key is revoked. An unknown prefix is remembered briefly too, so a flood of made-up keys
 * costs one query per prefix, not one per request. The owner's state is not kept here: the users'
 * cache answers that, so deactivating or deleting the owner stops their keys at once.
 */
@Injectable()
export class ApiKeyCache {
  private readonly cache: TtlCache<StoredKey | null>;

  constructor(
    private readonly keys: ApiKeyRepository,
    clock: Clock,
    bus: RevocationBus,
  ) {
    this.cache = new TtlCache(MAX_ENTRIES, () => clock.now());
    bus.onMessage((m) => {
      if (m.kind === 'apiKey') this.cache.invalidate((prefix) => prefix === m.prefix);
      else if (m.kind === 'resync') this.cache.invalidate();
    });
  }

  /** The cached key without waiting (null: known not to exist); undefined when it must be loaded. */
  peek(prefix: string): StoredKey | null | undefined {
    return this.cache.peek(prefix);
  }

  get(prefix: string): Promise<StoredKey | null> {
    return this.cache.get(
      prefix,
      async () => {
        const row = await this.keys.findLiveByPrefix(prefix);
        return row
          ? {
              id: row.id,
              prefix,
              userId: row.userId,
              hash: Buffer.from(row.hashedKey, 'hex'),
              expiresAt: row.expires ? row.expires.getTime() : null,
              scope: row.permissions ? new Set(row.permissions) : null,
              usedAt: 0,
              principal: null,
              principalOf: null,
            }
          : null;
      },
      (k) => (k ? TTL_MS : MISSING_TTL_MS),
    );
  }
}
