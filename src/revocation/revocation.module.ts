import { Module } from '@nestjs/common';
import { RevocationBus } from './revocation-bus';

/**
 * The cross-instance broadcast of revocations and user changes (Redis pub/sub, PostgreSQL NOTIFY, or
 * in-process). The caches that listen to it live beside the tables they cache: sessions and users.
 */
@Module({ providers: [RevocationBus], exports: [RevocationBus] })
export class RevocationModule {}
