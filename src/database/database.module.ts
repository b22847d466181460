import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app.config';
import { DatabaseConfig } from '../config/database.config';
import { dataSourceOptions } from './data-source.options';
import { EmbeddedDatabase } from './embedded-database';
import { MigrationRunner } from './migration-runner';

/** Opens the embedded database when there is no DATABASE_URL (owner: who holds the data-dir lock). */
@Module({})
class EmbeddedDatabaseModule {
  static register(owner: string): DynamicModule {
    const provider = {
      provide: EmbeddedDatabase,
      inject: [AppConfig, DatabaseConfig],
      useFactory: (app: AppConfig, db: DatabaseConfig) => EmbeddedDatabase.open(app, db, owner),
    };
    return { module: EmbeddedDatabaseModule, providers: [provider], exports: [provider] };
  }
}

@Module({})
export class DatabaseModule {
  static forRoot(owner = 'server'): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          imports: [EmbeddedDatabaseModule.register(owner)],
          inject: [DatabaseConfig, EmbeddedDatabase],
          useFactory: (db: DatabaseConfig, embedded: EmbeddedDatabase) => ({
            ...dataSourceOptions(db, embedded.driver),
            autoLoadEntities: true,
            retryAttempts: embedded.driver ? 0 : 10,
            retryDelay: 2000,
          }),
        }),
      ],
      providers: [MigrationRunner],
      exports: [MigrationRunner],
    };
  }
}
