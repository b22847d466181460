import { Logger } from '@nestjs/common';
import { createPrivateKey, createPublicKey, createSecretKey, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app.config';
import { JwtConfig } from '../config/jwt.config';
import { isHmac } from '../config/key-material';
import { JwsCodec, JwsKeys } from './jws-codec';

const DEV_KEY_FILE = 'jwt-signing.key';

/** Builds the codec once at start, with key objects ready for the hot path. */
export function createJwsCodec(jwt: JwtConfig, app: AppConfig): JwsCodec {
  return new JwsCodec(jwt.algorithm, buildKeys(jwt, app));
}

function buildKeys(jwt: JwtConfig, app: AppConfig): JwsKeys {
  if (isHmac(jwt.algorithm)) {
    const secret = createSecretKey(Buffer.from(jwt.signingKey ?? developmentKey(app.dataDir), 'utf8'));
    return { signing: secret, verifying: secret };
  }
  // Configuration validated the PEMs already; without a verifying key, the signing key's public half.
  const signing = createPrivateKey(jwt.signingKey!);
  const verifying = createPublicKey(jwt.verifyingKey ?? signing);
  return { signing, verifying };
}

/**
 * Outside production, with no JWT_SIGNING_KEY: a random key generated once and kept in the data
 * directory, so tokens survive restarts. Production refuses to start without a real key.
 */
function developmentKey(dataDir: string): string {
  const file = join(dataDir, DEV_KEY_FILE);
  const log = new Logger('JwtKeys');
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    log.warn(`JWT_SIGNING_KEY is not set: generated a development key in ${file}`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    log.warn(`JWT_SIGNING_KEY is not set: using the development key in ${file}`);
  }
  return readFileSync(file, 'utf8').trim();
}
