/** API keys' lifetimes, in seconds. */
export class ApiKeysConfig {
  /** API_KEY_DEFAULT_LIFETIME: how long a key lives when created without `expires_at`. */
  defaultLifetime: number;
  /** API_KEY_MAX_LIFETIME: the latest `expires_at` a new key may have, from its creation. */
  maxLifetime: number;
}
