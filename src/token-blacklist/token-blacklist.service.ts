import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { deleteInBatches } from '../common/delete-in-batches';
import { OutstandingTokenRepository, TokenRecord } from './outstanding-token.repository';

/** A token as the blacklist sees it. */
export interface TrackedToken {
  raw: string;
  jti: string;
  /** Epoch seconds until which the token can be used (refresh_exp for sliding tokens). */
  usableUntil: number;
  userId: number | null;
}

/** simplejwt's token_blacklist app: outstanding tokens, blacklisting, flushing. */
@Injectable()
export class TokenBlacklistService {
  constructor(private readonly tokens: OutstandingTokenRepository) {}

  async outstand(token: TrackedToken): Promise<void> {
    await this.tokens.insert(record(token));
  }

  isBlacklisted(jti: string): Promise<boolean> {
    return this.tokens.isBlacklisted(jti);
  }

  /** False when the token was already blacklisted (by anyone, including a concurrent call). */
  blacklist(token: TrackedToken): Promise<boolean> {
    return this.tokens.blacklistIfAbsent(record(token));
  }

  /**
   * Rotation's token part, one atomic statement: the presented token blacklisted (when `blacklistOld`)
   * and its successor recorded as outstanding. False, with nothing written, when the presented token
   * was blacklisted already (by anyone, including a concurrent call): of N parallel refreshes of one
   * token exactly one wins, and the caller needs no blacklist read before. The caller records the
   * rotation in the session afterwards (see TokenService.refresh for why in that order).
   */
  rotate(old: TrackedToken, successor: TrackedToken, blacklistOld: boolean): Promise<boolean> {
    if (blacklistOld) return this.tokens.blacklistAndSucceed(record(old), record(successor));
    return this.tokens.insertUnlessBlacklisted(old.jti, record(successor));
  }

  /** Deletes expired tokens in batches; `onBatch` gets the running total. */
  flushExpired(batchSize: number, onBatch?: (deleted: number) => void): Promise<number> {
    const now = new Date();
    return deleteInBatches((limit) => this.tokens.deleteExpiredBefore(now, limit), batchSize, onBatch);
  }

  countExpired(): Promise<number> {
    return this.tokens.countExpiredBefore(new Date());
  }
}

function record(t: TrackedToken): TokenRecord {
  return {
    jti: t.jti,
    userId: t.userId,
    tokenSha256: createHash('sha256').update(t.raw).digest('hex'),
    expiresAt: new Date(t.usableUntil * 1000),
  };
}
