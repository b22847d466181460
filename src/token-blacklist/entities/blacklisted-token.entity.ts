import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** simplejwt's BlacklistedToken: at most one per outstanding token. */
@Entity({ name: 'blacklisted_token' })
export class BlacklistedTokenEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_blacklisted_token' })
  id: string;

  @Column({ name: 'token_id', type: 'bigint' })
  tokenId: string;

  @Column({ name: 'blacklisted_at', type: 'timestamptz', default: () => 'now()' })
  blacklistedAt: Date;
}
