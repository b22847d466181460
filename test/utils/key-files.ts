import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePemPair } from '../../src/cli/key-commands';
import { JwtAlgorithm } from '../../src/config/jwt.config';
import { onPostgres } from './create-test-app';
import { preparedDataDir } from './embedded-db';

/** A fresh directory of key files in the JWT_SIGNING_KEYS `dir:` layout. */
export function keyDir(): string {
  return mkdtempSync(join(tmpdir(), 'bastion-keys-'));
}

/** Writes KID.ALG.pem and KID.ALG.pub.pem into `dir`; returns the PEMs. */
export function writeKey(
  dir: string,
  kid: string,
  alg: JwtAlgorithm,
): { privateKey: string; publicKey: string } {
  const pems = generatePemPair(alg);
  writeFileSync(join(dir, `${kid}.${alg}.pem`), pems.privateKey);
  writeFileSync(join(dir, `${kid}.${alg}.pub.pem`), pems.publicKey);
  return pems;
}

/**
 * A data directory several app instances can use one after another (restarts): on PGlite a prepared
 * database in it; on Postgres nothing (createTestApp uses TEST_DATABASE_URL).
 */
export async function sharedDataDir(): Promise<Record<string, string>> {
  if (onPostgres()) return {};
  const dir = mkdtempSync(join(tmpdir(), 'bastion-e2e-shared-'));
  renameSync(await preparedDataDir(), join(dir, 'pglite'));
  return { DATA_DIR: dir };
}

export function jwtHeader(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
