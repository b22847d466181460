import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, TLSSocket } from 'node:tls';
import { createTestApp, TestApp } from './utils/create-test-app';

/** A self-signed certificate for 127.0.0.1, made for this run with openssl. */
function testCertificate(): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bastion-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

describe('TLS termination', () => {
  let t: TestApp;
  let port: number;
  let ca: Buffer;
  beforeAll(async () => {
    const files = testCertificate();
    ca = readFileSync(files.cert);
    t = await createTestApp({ TLS_CERT_FILE: files.cert, TLS_KEY_FILE: files.key }, { listen: true });
    port = Number(new URL(t.url).port);
  });
  afterAll(() => t.close());

  it('serves HTTPS with the certificate, TLS 1.2+ and HSTS', async () => {
    const res = await new Promise<{
      status: number;
      headers: Record<string, unknown>;
      body: string;
      protocol: string;
    }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/health/live', ca, agent: false }, (r) => {
        const protocol = (r.socket as TLSSocket).getProtocol() ?? '';
        let body = '';
        r.on('data', (c: Buffer) => (body += c.toString()));
        r.on('end', () => resolve({ status: r.statusCode!, headers: r.headers, body, protocol }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
    expect(['TLSv1.2', 'TLSv1.3']).toContain(res.protocol);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('refuses a TLS 1.1 handshake', async () => {
    const outcome = await new Promise<string>((resolve) => {
      // SECLEVEL=0 lets this client offer TLS 1.1 at all, so the refusal is the server's
      const socket = connect({
        host: '127.0.0.1',
        port,
        ca,
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.1',
        ciphers: 'DEFAULT@SECLEVEL=0',
      });
      socket.on('secureConnect', () => {
        resolve(`connected with ${socket.getProtocol()}`);
        socket.destroy();
      });
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    expect(outcome).toBe('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
  });

  it('refuses TLS_CERT_FILE without TLS_KEY_FILE at start', async () => {
    await expect(createTestApp({ TLS_CERT_FILE: '/nonexistent.pem' })).rejects.toThrow(/TLS_KEY_FILE/);
  });
});
