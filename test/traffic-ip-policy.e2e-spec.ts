import { ConfigError, loadConfiguration } from '../src/config/configuration';
import { createTestApp, TestApp, TEST_SIGNING_KEY } from './utils/create-test-app';
import { LogCapture } from './utils/log-capture';
import { TRUST_LOCAL } from './utils/traffic-helpers';

const FORBIDDEN = { detail: 'Access from your IP address is not allowed.', code: 'ip_forbidden' };

describe('IP allow and deny lists', () => {
  let t: TestApp;
  const log = new LogCapture();
  beforeAll(async () => {
    t = await createTestApp(
      {
        ...TRUST_LOCAL,
        IP_ALLOWLIST: '10.0.0.0/8, 2001:db8::/32',
        IP_DENYLIST: '10.66.0.0/16,2001:db8:bad::/48',
        DOCS_IP_ALLOWLIST: '10.9.0.0/16',
        LOG_LEVEL: 'warn',
      },
      { logStream: log },
    );
  });
  afterAll(() => t.close());

  const from = (ip: string, path = '/health/live') => t.http.get(path).set('X-Forwarded-For', ip);

  it.each(['10.1.2.3', '2001:db8::1', '2001:db8:1:2::3'])('lets an allowed client %s through', async (ip) => {
    expect((await from(ip)).status).toBe(200);
  });

  it.each([
    ['outside the allow-list (IPv4)', '192.168.1.10'],
    ['outside the allow-list (IPv6)', '2001:db9::1'],
    ['denied although allowed (IPv4, deny wins)', '10.66.1.1'],
    ['denied although allowed (IPv6, deny wins)', '2001:db8:bad::7'],
  ])('refuses a client %s with 403 ip_forbidden', async (_why, ip) => {
    for (const path of ['/health/live', '/api/token/', '/no/such/path', '/docs']) {
      const res = await from(ip, path);
      expect({ status: res.status, body: res.body as unknown }).toEqual({ status: 403, body: FORBIDDEN });
    }
  });

  it.each([
    ['with a port', '10.66.1.1:5678'],
    ['IPv4-mapped IPv6', '::ffff:10.66.1.1'],
    ['IPv6 in brackets with a port', '[2001:db8:bad::7]:443'],
    ['IPv6 in capitals', '2001:DB8:BAD::7'],
  ])('denies a client written %s like the bare address', async (_how, ip) => {
    const res = await from(ip);
    expect({ status: res.status, body: res.body as unknown }).toEqual({ status: 403, body: FORBIDDEN });
  });

  it.each(['10.1.2.3:40001', '[2001:db8::1]:443', '::ffff:10.1.2.3'])(
    'control: lets the allowed client %s through',
    async (ip) => {
      expect((await from(ip)).status).toBe(200);
    },
  );

  it('takes the peer for a forwarded value that is no IP address, and says so once', async () => {
    for (const junk of ['unknown', 'evil.example', '10.1.2.3.4', '_hidden']) {
      const res = await from(junk); // the peer (loopback) is outside IP_ALLOWLIST
      expect({ status: res.status, body: res.body as unknown }).toEqual({ status: 403, body: FORBIDDEN });
    }
    expect(log.text.match(/is not an IP address/g)).toHaveLength(1);
  });

  it('keeps /docs to DOCS_IP_ALLOWLIST', async () => {
    expect((await from('10.9.3.4', '/docs-json')).status).toBe(200);
    const res = await from('10.1.2.3', '/docs-json');
    expect({ status: res.status, body: res.body as unknown }).toEqual({ status: 403, body: FORBIDDEN });
  });

  it('judges the real peer, not a spoofed X-Forwarded-For, when the peer is not a trusted proxy', async () => {
    const direct = await createTestApp({ IP_DENYLIST: '127.0.0.0/8,::1/128' });
    try {
      const res = await direct.http.get('/health/live').set('X-Forwarded-For', '10.1.2.3');
      expect(res.status).toBe(403);
    } finally {
      await direct.close();
    }
  });
});

describe('IP list settings', () => {
  it('stops the start on a malformed CIDR, naming every bad variable', () => {
    const load = () =>
      loadConfiguration({
        JWT_SIGNING_KEY: TEST_SIGNING_KEY,
        IP_ALLOWLIST: '10.0.0.0/33',
        TRUSTED_PROXIES: 'proxy.local',
        IP_DENYLIST: '2001:db8::/129',
        THROTTLE_LOGIN: '10 per minute',
      });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (e) {
      const names = (e as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(names).toEqual(
        expect.arrayContaining(['IP_ALLOWLIST', 'TRUSTED_PROXIES', 'IP_DENYLIST', 'THROTTLE_LOGIN']),
      );
      expect((e as ConfigError).message).toContain('"10.0.0.0/33"');
    }
  });
});
