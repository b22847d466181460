import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JWT_ALGORITHMS, JwtAlgorithm } from '../config/jwt.config';
import { KID_PATTERN } from '../config/signing-keys';
import { UsageError } from './cli-args';
import { Command } from './command';

const ASYMMETRIC = JWT_ALGORITHMS.filter((a) => !a.startsWith('HS'));

/** A new key pair as PEMs: PKCS#8 private key, SPKI public key. */
export function generatePemPair(alg: JwtAlgorithm): { privateKey: string; publicKey: string } {
  const pair = alg.startsWith('RS')
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', {
        namedCurve: { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }[alg as 'ES256'],
      });
  return {
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Key tools: they need no database, so they run without booting the application. */
export const KEY_COMMANDS: Record<string, Command> = {
  genkey: {
    summary:
      'write a new signing key pair (DIR/K.ALG.pem, 0600, and K.ALG.pub.pem) for JWT_SIGNING_KEYS=dir:DIR',
    options: {
      alg: { type: 'string', value: 'ALG', help: `the algorithm: ${ASYMMETRIC.join(', ')} (required)` },
      kid: { type: 'string', value: 'K', help: 'the key id (default: <date>-<random>)' },
      out: {
        type: 'string',
        value: 'DIR',
        help: 'the directory (default: ./keys); an existing key is never overwritten',
      },
    },
    offline(args, io) {
      const alg = args.value('alg') as JwtAlgorithm | undefined;
      if (alg === undefined || !ASYMMETRIC.includes(alg))
        throw new UsageError(`--alg: one of ${ASYMMETRIC.join(', ')}`);
      const kid =
        args.value('kid') ?? `${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
      if (!KID_PATTERN.test(kid)) throw new UsageError('--kid: 1-64 letters, digits, ".", "_" or "-"');
      const dir = resolve(args.value('out') ?? 'keys');
      const priv = join(dir, `${kid}.${alg}.pem`);
      const pub = join(dir, `${kid}.${alg}.pub.pem`);
      const taken = [priv, pub].find((file) => existsSync(file));
      if (taken !== undefined) {
        throw new Error(`${taken} exists already; a key is never overwritten: choose another --kid or --out`);
      }
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const { privateKey, publicKey } = generatePemPair(alg);
      writeFileSync(priv, privateKey, { mode: 0o600, flag: 'wx' });
      writeFileSync(pub, publicKey, { mode: 0o644, flag: 'wx' });
      io.out(`Wrote ${priv} and its public half ${kid}.${alg}.pub.pem.`);
      io.out(`Use it: JWT_SIGNING_KEYS=dir:${dir} JWT_SIGNING_KID=${kid}`);
      return Promise.resolve();
    },
  },
  'kong-config': {
    summary: 'print Kong jwt credentials (public PEMs, one per access-token kid) from the current keys',
    options: {
      out: { type: 'string', value: 'FILE', help: 'write them to FILE instead of standard output' },
      into: {
        type: 'string',
        value: 'FILE',
        help: 'replace the generated block in FILE (e.g. kong/kong.yml)',
      },
    },
    async offline(args, io, config) {
      const { jwt, app } = config();
      const { createKeyRing } = await import('../auth/keys/key-ring.factory');
      const { kongConsumerYaml, kongJwtSecrets, mergeKongBlock } =
        await import('../auth/keys/kong-credentials');
      const hmacOnly = jwt.signingKeys.length === 0 && jwt.algorithm.startsWith('HS');
      const secrets = hmacOnly ? [] : kongJwtSecrets(createKeyRing(jwt, app));
      if (secrets.length === 0) {
        // A state of the configuration, not bad usage: exit 1.
        throw new Error(
          'no asymmetric access-token keys: Kong would need the HMAC secret. Use JWT_SIGNING_KEYS with RS*/ES* keys (genkey writes one)',
        );
      }
      const yaml = kongConsumerYaml(secrets);
      const out = args.value('out');
      const into = args.value('into');
      if (out !== undefined && into !== undefined) throw new UsageError('give --out or --into, not both');
      if (into !== undefined) {
        writeFileSync(into, mergeKongBlock(readFileSync(into, 'utf8'), yaml));
        io.out(`Wrote ${secrets.length} credential(s) into ${into}.`);
      } else if (out !== undefined) {
        writeFileSync(out, yaml);
        io.out(`Wrote ${secrets.length} credential(s) to ${out}.`);
      } else io.out(yaml.trimEnd());
    },
  },
};
