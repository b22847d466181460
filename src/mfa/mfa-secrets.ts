import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  KeyObject,
  createSecretKey,
  randomBytes,
} from 'node:crypto';
import { MfaConfig } from '../config/mfa.config';

const SEALED = 'v1:';
const PLAIN = 'plain:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * TOTP keys at rest. With MFA_ENCRYPTION_KEY each key is sealed with AES-256-GCM under a key derived
 * from it (HKDF-SHA256), the device row's user id as associated data, so a key copied into another
 * user's row does not open. Without it keys are stored in clear (`plain:`), and still read once a key
 * is set; a sealed key cannot be read without the setting. Recovery codes are hashed (SHA-256).
 */
@Injectable()
export class MfaSecrets implements OnModuleInit {
  private readonly key: KeyObject | null;

  constructor(config: MfaConfig) {
    const ikm = config.encryptionKey;
    this.key =
      ikm === undefined
        ? null
        : createSecretKey(Buffer.from(hkdfSync('sha256', ikm, 'bastion', 'mfa-secret-v1', 32)));
  }

  onModuleInit(): void {
    if (!this.key) new Logger('Mfa').warn('MFA_ENCRYPTION_KEY unset: TOTP keys are stored unencrypted');
  }

  seal(plain: string, userId: number): string {
    if (!this.key) return PLAIN + plain;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(String(userId)));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return SEALED + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** The plain secret; throws when it is sealed and no (or another) key is set. */
  open(stored: string, userId: number): string {
    if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
    if (!stored.startsWith(SEALED) || !this.key)
      throw new Error('MFA secret sealed without MFA_ENCRYPTION_KEY');
    const raw = Buffer.from(stored.slice(SEALED.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(String(userId)));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
}

/** A recovery code as stored: SHA-256 of its normalised form (lower case, no dashes or spaces). */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(code.toLowerCase().replace(/[\s-]/g, '')).digest('hex');
}
