import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Configuration } from '../config/configuration';
import { UnknownUserError } from '../users/user-management.service';
import { UsernameTakenError } from '../users/users.repository';
import { CliModule } from './cli.module';

/**
 * The application context of the commands that need the database. Loaded lazily by runCli, so `help`,
 * `genkey` and `kong-config` never load Nest, TypeORM or the database driver.
 */
export function openCliContext(config: Configuration, command: string): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(CliModule.register(config, command), {
    logger: false,
    abortOnError: false,
  });
}

/** The one-line message of a failure the user can act on, or undefined for an unexpected error. */
export function knownFailure(e: unknown): string | undefined {
  if (e instanceof UnknownUserError) return e.message;
  if (e instanceof UsernameTakenError) {
    return (
      `the username ${e.message} is taken. A user with that username already exists ` +
      '(names that differ only by case or NFKC form are the same).'
    );
  }
  return undefined;
}
