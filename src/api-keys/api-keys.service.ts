import { Injectable } from '@nestjs/common';
import { ClientContext } from '../common/client-context.decorator';
import { DomainError } from '../common/domain-error';
import { Errors } from '../common/errors';
import { PrincipalUser } from '../common/principal';
import { GroupAccessService } from '../permissions/group-access.service';
import { permissionKey } from '../permissions/permission';
import { UserAccessService } from '../permissions/user-access.service';
import { RevocationBus } from '../revocation/revocation-bus';
import { NewSecurityEvent } from '../security-events/security-event';
import { SecurityEventsService } from '../security-events/security-events.service';
import { ApiKey, hashKey, newKey } from './api-key';
import { ApiKeyRepository } from './api-key.repository';

/** A user's live keys at most; more is a 400 (revoke one first). */
export const MAX_KEYS_PER_USER = 50;
/** DRF's DateTimeField message. */
const BAD_DATETIME =
  'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].';
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface NewApiKey {
  name: string;
  expiresAt?: string | null;
  permissions?: (number | string)[];
}

/**
 * A user's API keys: create (the key is shown once, only its hash stored), list, revoke (on every
 * instance at once, through the revocation bus). A key's permissions are named once, at creation, and
 * must be held by its creator then; at every use they are also cut to what the owner holds now.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly groups: GroupAccessService,
    private readonly access: UserAccessService,
    private readonly bus: RevocationBus,
    private readonly events: SecurityEventsService,
  ) {}

  async create(
    owner: PrincipalUser,
    input: NewApiKey,
    client: ClientContext,
  ): Promise<{ apiKey: ApiKey; key: string }> {
    const expires = expiry(input.expiresAt);
    const permissions = input.permissions ? await this.scope(owner, input.permissions) : null;
    if ((await this.keys.countLiveOfUser(owner.id)) >= MAX_KEYS_PER_USER)
      throw DomainError.fields({
        non_field_errors: [`You have ${MAX_KEYS_PER_USER} API keys; revoke one first.`],
      });
    for (;;) {
      const { prefix, key } = newKey();
      const apiKey = await this.keys.insert({
        prefix,
        hashedKey: hashKey(key).toString('hex'),
        name: input.name,
        userId: owner.id,
        permissions,
        expires,
      });
      if (!apiKey) continue; // a prefix drawn twice (72 random bits): draw again
      await this.events.record({
        type: 'api_key_created',
        userId: owner.id,
        username: owner.username,
        detail: describe(apiKey),
        ...client,
      });
      return { apiKey, key };
    }
  }

  list(userId: number): Promise<ApiKey[]> {
    return this.keys.liveOfUser(userId);
  }

  /** Revokes one of the user's live keys on every instance; 404 when there is no such key of theirs. */
  async revoke(owner: PrincipalUser, id: string, client: ClientContext): Promise<void> {
    const prefix = /^\d{1,18}$/.test(id) ? await this.keys.revoke(owner.id, id) : null;
    if (prefix === null) throw Errors.notFound();
    await this.revoked(prefix, {
      userId: owner.id,
      username: owner.username,
      detail: `key ${id} (${prefix})`,
      ...client,
    });
  }

  /**
   * An operator's revocation (CLI `revokeapikey`): any user's live key, by prefix or id, on every
   * instance at once; false when there is no such live key.
   */
  async revokeAny(ref: string): Promise<boolean> {
    const revoked = await this.keys.revokeAny(ref);
    if (!revoked) return false;
    await this.revoked(revoked.prefix, {
      userId: revoked.userId,
      detail: `key ${revoked.prefix} by an operator`,
    });
    return true;
  }

  /** After a revocation: every instance drops the key at once, and the audit trail says so. */
  private async revoked(prefix: string, event: Omit<NewSecurityEvent, 'type'>): Promise<void> {
    await this.bus.publish({ kind: 'apiKey', prefix });
    await this.events.record({ type: 'api_key_revoked', ...event });
  }

  /** The scope as `app_label.codename`, each existing and held by the owner (a superuser holds all). */
  private async scope(owner: PrincipalUser, refs: (number | string)[]): Promise<string[]> {
    const named = (await this.groups.resolvePermissions(refs)).map(permissionKey);
    if (!owner.isSuperuser) {
      const held = await this.access.effectiveOf(owner.id);
      const missing = named.filter((p) => !held.has(p));
      if (missing.length)
        throw DomainError.fields({ permissions: missing.map((p) => `You do not hold ${p}.`) });
    }
    return [...new Set(named)].sort();
  }
}

function expiry(raw: string | null | undefined): Date | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const at = ISO_WITH_ZONE.test(raw) ? new Date(raw) : null;
  if (!at || Number.isNaN(at.getTime())) throw DomainError.fields({ expires_at: [BAD_DATETIME] });
  if (at.getTime() <= Date.now()) throw DomainError.fields({ expires_at: ['Must be in the future.'] });
  return at;
}

const describe = (k: ApiKey): string =>
  `key ${k.id} (${k.prefix}) name=${JSON.stringify(k.name)}` +
  (k.expires ? ` expires=${k.expires.toISOString()}` : '') +
  (k.permissions ? ` permissions=[${k.permissions.join(',')}]` : '');
