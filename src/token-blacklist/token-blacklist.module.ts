import { Module } from '@nestjs/common';
import { OutstandingTokenRepository } from './outstanding-token.repository';
import { TokenBlacklistService } from './token-blacklist.service';

@Module({
  providers: [OutstandingTokenRepository, TokenBlacklistService],
  exports: [TokenBlacklistService],
})
export class TokenBlacklistModule {}
