import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { recoveryCodeHash } from './mfa-secrets';
import { MfaRepository } from './mfa.repository';

const COUNT = 10;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** One code: 10 base32 characters (50 bits), shown as `xxxxx-xxxxx`. */
function newCode(): string {
  const chars = [...randomBytes(10)].map((b) => ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** One-time recovery codes: shown once, stored as SHA-256, each spent by one delete. */
@Injectable()
export class RecoveryCodes {
  constructor(private readonly repo: MfaRepository) {}

  /** A fresh set for the user, replacing the old one; the codes in clear, to be shown once. */
  async issue(userId: number): Promise<string[]> {
    const codes = Array.from({ length: COUNT }, newCode);
    await this.repo.replaceRecoveryCodes(userId, codes.map(recoveryCodeHash));
    return codes;
  }

  /** True once per code: the one use that deleted it. */
  use(userId: number, code: string): Promise<boolean> {
    return this.repo.useRecoveryCode(userId, recoveryCodeHash(code));
  }

  left(userId: number): Promise<number> {
    return this.repo.countRecoveryCodes(userId);
  }
}
