import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { KeyRing, RingKey } from './key-ring';
import { kongConsumerYaml, kongJwtSecrets, mergeKongBlock } from './kong-credentials';

interface KongFile {
  services: {
    routes: {
      name: string;
      paths: string[];
      plugins?: { name: string; config: Record<string, unknown> }[];
    }[];
  }[];
  consumers: {
    username: string;
    jwt_secrets: { key: string; algorithm: string; rsa_public_key: string }[];
  }[];
}

function ringKey(kid: string, scope: RingKey['scope']): RingKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid, algorithm: 'ES256', signing: privateKey, verifying: publicKey, scope, legacy: false };
}

const KONG_FILE = join(__dirname, '../../../kong/kong.yml');

describe('kong-config', () => {
  const access = ringKey('acc', 'access');
  const refresh = ringKey('ref', 'refresh');
  const ring = new KeyRing([access, refresh], { access, refresh });

  it('merges the credentials into kong/kong.yml, replacing the previous block', () => {
    const original = readFileSync(KONG_FILE, 'utf8');
    const once = mergeKongBlock(original, kongConsumerYaml(kongJwtSecrets(ring)));
    const parsed = load(once) as KongFile;
    expect(parsed.consumers).toHaveLength(1);
    const [secret] = parsed.consumers[0].jwt_secrets;
    expect(parsed.consumers[0].jwt_secrets).toHaveLength(1);
    expect(secret).toMatchObject({ key: 'acc', algorithm: 'ES256' });
    expect(secret.rsa_public_key).toBe(access.verifying.export({ type: 'spki', format: 'pem' }).toString());
    const rotated = ringKey('acc-2', 'access');
    const twice = mergeKongBlock(
      once,
      kongConsumerYaml(kongJwtSecrets(new KeyRing([access, rotated], { access: rotated, refresh }))),
    );
    expect((load(twice) as KongFile).consumers[0].jwt_secrets.map((s) => s.key)).toEqual(['acc', 'acc-2']);
    expect(twice.split('# BEGIN kong-config').length).toBe(2);
    expect(twice.slice(0, twice.indexOf('# BEGIN kong-config'))).toBe(
      original.slice(0, original.indexOf('# BEGIN kong-config')),
    );
  });

  it('kong/kong.yml runs the jwt plugin on the protected routes only, configured as issue 5 says', () => {
    const kong = load(readFileSync(KONG_FILE, 'utf8')) as KongFile;
    const routes = kong.services.flatMap((s) => s.routes);
    const withJwt = routes.filter((r) => r.plugins?.some((p) => p.name === 'jwt'));
    expect(withJwt.map((r) => r.name)).toEqual(['api-protected']);
    expect(withJwt[0].plugins!.find((p) => p.name === 'jwt')!.config).toMatchObject({
      key_claim_name: 'kid',
      claims_to_verify: ['exp', 'nbf'],
      uri_param_names: [],
    });
    const paths = withJwt.flatMap((r) => r.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/secure', '/api/users/me']));
    for (const open of [
      '/api/token/',
      '/api/token/refresh/',
      '/api/users/',
      '/.well-known/jwks.json',
      '/health/live',
    ]) {
      expect({ open, protected: paths.some((p) => open.startsWith(p)) }).toEqual({ open, protected: false });
    }
  });
});
