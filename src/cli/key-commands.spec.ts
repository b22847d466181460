import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfiguration } from '../config/configuration';
import { runCli } from './run-cli';

/** Runs the command through runCli; resolves with its output lines, rejects with its error output. */
const run = async (name: string, argv: string[], env: Record<string, string> = {}) => {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await runCli(
    [name, ...argv],
    {
      out: (l) => lines.push(l),
      err: (l) => errors.push(l),
      readStdin: () => Promise.resolve(''),
      askSecret: () => Promise.resolve(undefined),
      progress: () => ({ update: () => undefined, stop: () => undefined }),
    },
    env,
  );
  if (code !== 0) throw Object.assign(new Error(errors.join('\n')), { code });
  return lines;
};

describe('genkey and kong-config', () => {
  it('genkey writes a private key (0600) and its public half that JWT_SIGNING_KEYS=dir: loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'genkey-'));
    const lines = await run('genkey', ['--alg', 'ES384', '--kid', 'k1', '--out', dir]);
    expect(lines[1]).toBe(`Use it: JWT_SIGNING_KEYS=dir:${dir} JWT_SIGNING_KID=k1`);
    expect(statSync(join(dir, 'k1.ES384.pem')).mode & 0o777).toBe(0o600);
    const config = loadConfiguration({ JWT_SIGNING_KEYS: `dir:${dir}` });
    expect(config.jwt.signingKeys.map((k) => [k.kid, k.algorithm])).toEqual([['k1', 'ES384']]);
    expect(config.jwt.activeKid).toBe('k1');
    // Never overwrites a key.
    await expect(run('genkey', ['--alg', 'ES384', '--kid', 'k1', '--out', dir])).rejects.toMatchObject({
      code: 1,
      message: `error: ${join(dir, 'k1.ES384.pem')} exists already; a key is never overwritten: choose another --kid or --out`,
    });
    const yaml = (await run('kong-config', [], { JWT_SIGNING_KEYS: `dir:${dir}` })).join('\n');
    expect(yaml).toContain(
      '- key: "k1"\n        algorithm: ES384\n        rsa_public_key: |\n          -----BEGIN PUBLIC KEY-----',
    );
  });

  it.each([[['--alg', 'HS256']], [['--alg', 'EdDSA']], [['--alg', 'ES256', '--kid', 'bad kid']], [[]]])(
    'genkey refuses %j',
    async (argv) => {
      await expect(
        run('genkey', [...argv, '--out', mkdtempSync(join(tmpdir(), 'genkey-'))]),
      ).rejects.toMatchObject({ code: 2 });
    },
  );

  it('kong-config refuses HMAC-only keys (Kong would need the secret)', async () => {
    await expect(run('kong-config', [], { JWT_SIGNING_KEY: 'x'.repeat(40) })).rejects.toMatchObject({
      code: 1,
      message: expect.stringMatching(
        /^error: no asymmetric access-token keys: Kong would need the HMAC secret/,
      ),
    });
  });
});
