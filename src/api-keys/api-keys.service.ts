import { Injectable, OnModuleInit } from '@nestjs/common';
import { ClientContext } from '../common/client-context.decorator';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Errors } from '../common/errors';
import { Principal, PrincipalUser } from '../common/principal';
import { GroupAccessService } from '../permissions/group-access.service';
import { permissionKey } from '../permissions/permission';
import { UserAccessService } from '../permissions/user-access.service';
import { ApiKeysConfig } from '../config/api-keys.config';
import { RevocationBus } from '../revocation/revocation-bus';
import { NewSecurityEvent } from '../security-events/security-event';
import { SecurityEventsService } from '../security-events/security-events.service';
import { Actor, RevocationService } from '../sessions/revocation.service';
import { DeviceChannel } from '../traffic/device-channel';
import { PasswordCheck, UserLifecycleService } from '../users/user-lifecycle.service';
import { ApiKey, hashKey, newKey } from './api-key';
import { ApiKeyRepository } from './api-key.repository';

/** A user's live keys at most; more is a 400 (revoke one first). */
export const MAX_KEYS_PER_USER = 50;
/** DRF's DateTimeField message. */
const BAD_DATETIME =
  'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].';
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Django's words for a wrong current password, without "old". */
export const WRONG_PASSWORD = 'Your password was entered incorrectly. Please enter it again.';
const KEY_CHECK: PasswordCheck = {
  field: 'password',
  message: WRONG_PASSWORD,
  event: 'api_key_create_failed',
  detail: 'wrong password',
};

export interface NewApiKey {
  name: string;
  /** The owner's current password, asked again (as GitHub's sudo mode does). */
  password: string;
  expiresAt?: string | null;
  permissions?: (number | string)[];
}

/**
 * A user's API keys: create (the owner's password asked again; the key is shown once, only its hash
 * stored; it expires, API_KEY_DEFAULT_LIFETIME / API_KEY_MAX_LIFETIME), list, revoke (on every instance
 * at once, through the revocation bus). A key's permissions are named once, at creation, and must be
 * usable by its creator then; at every use they are also cut to what the owner holds now. Whatever ends
 * every session of the owner (log out everywhere, an admin's revocation, a password change,
 * deactivation, deletion) revokes all their keys too.
 */
@Injectable()
export class ApiKeysService implements OnModuleInit {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly groups: GroupAccessService,
    private readonly access: UserAccessService,
    private readonly bus: RevocationBus,
    private readonly events: SecurityEventsService,
    private readonly lifecycle: UserLifecycleService,
    private readonly revocation: RevocationService,
    private readonly config: ApiKeysConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.revocation.onRevokeUser((userId, reason, actor) => this.revokeAllOf(userId, reason, actor));
  }

  async create(
    creator: Principal,
    input: NewApiKey,
    device: DeviceChannel,
    client: ClientContext,
  ): Promise<{ apiKey: ApiKey; key: string }> {
    const owner = creator.user;
    const expires = this.expiry(input.expiresAt);
    const permissions = input.permissions ? await this.scope(creator, input.permissions) : null;
    await this.lifecycle.confirmPassword(owner, input.password, KEY_CHECK, device, { client });
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

  /** Revokes every live key of the user, on every instance; each is audited. */
  private async revokeAllOf(userId: number, reason: string, actor: Actor): Promise<void> {
    for (const prefix of await this.keys.revokeAllOfUser(userId))
      await this.revoked(prefix, {
        userId,
        sessionId: actor.sessionId,
        detail: `key ${prefix} with every session: ${reason}`,
        ...actor.client,
      });
  }

  /** After a revocation: every instance drops the key at once, and the audit trail says so. */
  private async revoked(prefix: string, event: Omit<NewSecurityEvent, 'type'>): Promise<void> {
    await this.bus.publish({ kind: 'apiKey', prefix });
    await this.events.record({ type: 'api_key_revoked', ...event });
  }

  /**
   * When a new key expires: `raw` (ISO 8601 with a zone, in the future, at most API_KEY_MAX_LIFETIME
   * away), or API_KEY_DEFAULT_LIFETIME from now when absent.
   */
  private expiry(raw: string | null | undefined): Date {
    const now = this.clock.now();
    if (raw === undefined || raw === null || raw === '')
      return new Date(now + this.config.defaultLifetime * 1000);
    const at = ISO_WITH_ZONE.test(raw) ? new Date(raw) : null;
    if (!at || Number.isNaN(at.getTime())) throw DomainError.fields({ expires_at: [BAD_DATETIME] });
    if (at.getTime() <= now) throw DomainError.fields({ expires_at: ['Must be in the future.'] });
    const latest = new Date(now + this.config.maxLifetime * 1000);
    if (at > latest)
      throw DomainError.fields({
        expires_at: [`Must be no later than ${latest.toISOString()} (API_KEY_MAX_LIFETIME).`],
      });
    return at;
  }

  /**
   * The scope as `app_label.codename`, each existing and usable by the creator (the grant rule:
   * UserAccessService.usableBy, as for the admin API; a superuser holds all).
   */
  private async scope(creator: Principal, refs: (number | string)[]): Promise<string[]> {
    const named = (await this.groups.resolvePermissions(refs)).map(permissionKey);
    const usable = await this.access.usableBy(creator);
    const missing = usable ? named.filter((p) => !usable.has(p)) : [];
    if (missing.length)
      throw DomainError.fields({ permissions: missing.map((p) => `You do not hold ${p}.`) });
    return [...new Set(named)].sort();
  }
}

const describe = (k: ApiKey): string =>
  `key ${k.id} (${k.prefix}) name=${JSON.stringify(k.name)}` +
  (k.expires ? ` expires=${k.expires.toISOString()}` : '') +
  (k.permissions ? ` permissions=[${k.permissions.join(',')}]` : '');
