import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
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
  constructor(
    private readonly tokens: OutstandingTokenRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

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
   * Rotation in one transaction: blacklist the presented token (when `blacklistOld`) and record its
   * successor (and `alsoInTransaction`, e.g. the session's family record). False, with nothing written,
   * when another request had already blacklisted it.
   */
  async rotate(
    old: TrackedToken,
    successor: TrackedToken,
    blacklistOld: boolean,
    alsoInTransaction?: (m: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      if (blacklistOld && !(await this.tokens.blacklistIfAbsent(record(old), m))) return false;
      await this.tokens.insert(record(successor), m);
      await alsoInTransaction?.(m);
      return true;
    });
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
