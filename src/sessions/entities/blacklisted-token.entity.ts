import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OutstandingTokenEntity } from './outstanding-token.entity';

/** simplejwt's BlacklistedToken: at most one per outstanding token. */
@Entity({ name: 'blacklisted_token' })
@Unique('uq_blacklisted_token_token_id', ['tokenId'])
export class BlacklistedTokenEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_blacklisted_token',
  })
  id: string;

  @Column({ name: 'token_id', type: 'bigint' })
  @ForeignKey(() => OutstandingTokenEntity, 'id', { name: 'fk_blacklisted_token_token', onDelete: 'CASCADE' })
  tokenId: string;

  @Column({ name: 'blacklisted_at', type: 'timestamptz', default: () => 'now()' })
  blacklistedAt: Date;
}
