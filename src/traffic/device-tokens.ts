import { Injectable, Logger } from '@nestjs/common';
import { createHmac, hkdfSync, KeyObject, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import { Clock } from '../common/clock';
import { BruteForceConfig } from '../config/brute-force.config';
import { JwtConfig } from '../config/jwt.config';
import { accountKey } from './attempt-store';
import { DEVICE_COOKIE } from './device-channel';

const TOKEN = /^([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * Device tokens (OWASP's "device cookie"): `<random id>.<expiry>.<HMAC-SHA256 of account|id|expiry>`,
 * handed out on a successful login, so a client the owner logged in from before is recognised and
 * keeps its own failure allowance while unknown clients are backed off. Bound to one account; they
 * grant nothing but that allowance. The key is DEVICE_TOKEN_SECRET, else derived (HKDF) from the JWT
 * signing key, so every instance shares it; with neither (development key) it lives as long as the process.
 */
@Injectable()
export class DeviceTokens {
  private readonly key: KeyObject;

  constructor(
    private readonly config: BruteForceConfig,
    jwt: JwtConfig,
    private readonly clock: Clock,
  ) {
    const material =
      config.deviceSecret ??
      jwt.signingKey ??
      jwt.signingKeys.find((k) => k.material.length > 0)?.material ??
      jwt.refreshSigningKeys.find((k) => k.material.length > 0)?.material;
    if (material === undefined) {
      // Only with the development key (production requires a configured one), which stays with this module.
      new Logger('BruteForce').warn(
        'DEVICE_TOKEN_SECRET is not set and the JWT key is the development key: device tokens (a known ' +
          "device's own failed-login allowance) are signed with a key of this process and forgotten at restart",
      );
    }
    const ikm = material ?? randomBytes(32).toString('base64');
    const derived = hkdfSync('sha256', ikm, 'bastion', 'device-token-v1', 32);
    this.key = createSecretKey(Buffer.from(derived));
  }

  /** A fresh token for `username`'s device `id` (a new id when none is given). */
  issue(username: string, id = randomBytes(16).toString('base64url')): string {
    const expires = Math.floor((this.clock.now() + this.config.deviceLifetimeMs) / 1000);
    return `${id}.${expires}.${this.mac(accountKey(username), id, expires)}`;
  }

  /**
   * The name of `username`'s device cookie: `bastion_device_` + 16 characters of a keyed hash of the
   * account. Another account's login sets another cookie; the name tells no one the username.
   */
  cookieName(username: string): string {
    const mac = createHmac('sha256', this.key)
      .update(`cookie|${accountKey(username)}`)
      .digest('base64url');
    return `${DEVICE_COOKIE}_${mac.slice(0, 16)}`;
  }

  /** The device id when `token` is a valid, unexpired token for `username`; else undefined. */
  verify(username: string, token: string | undefined): string | undefined {
    const m = token === undefined ? null : TOKEN.exec(token);
    if (!m) return undefined;
    const [, id, exp, mac] = m;
    if (Number(exp) * 1000 <= this.clock.now()) return undefined;
    const expected = Buffer.from(this.mac(accountKey(username), id, Number(exp)));
    return timingSafeEqual(expected, Buffer.from(mac)) ? id : undefined;
  }

  private mac(account: string, id: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${account}|${id}|${expires}`).digest('base64url');
  }
}
