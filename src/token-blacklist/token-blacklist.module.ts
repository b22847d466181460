import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BlacklistedTokenEntity } from './entities/blacklisted-token.entity';
import { OutstandingTokenEntity } from './entities/outstanding-token.entity';
import { OutstandingTokenRepository } from './outstanding-token.repository';
import { TokenBlacklistService } from './token-blacklist.service';

@Module({
  imports: [TypeOrmModule.forFeature([OutstandingTokenEntity, BlacklistedTokenEntity])],
  providers: [OutstandingTokenRepository, TokenBlacklistService],
  exports: [TokenBlacklistService],
})
export class TokenBlacklistModule {}
