import { createServer as createHttpServer, RequestListener, Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { NetworkConfig } from '../config/network.config';

export interface ServerLimits {
  maxHeaderSize: number;
  requestTimeout: number;
  headersTimeout: number;
}

/** Idle keep-alive connections are closed after this long (slow-loris with idle sockets). */
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/**
 * The HTTP server Fastify runs on: plain HTTP, or HTTPS with TLS 1.2 and 1.3 only when TLS_CERT_FILE /
 * TLS_KEY_FILE are set. The limits (header block size, request and header timeouts) apply to both.
 */
export function createServer(network: NetworkConfig, limits: ServerLimits, handler: RequestListener): Server {
  const options = { ...limits, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS };
  if (!network.tls) return createHttpServer(options, handler);
  return createHttpsServer(
    {
      ...options,
      cert: network.tls.cert,
      key: network.tls.key,
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.3',
    },
    handler,
  );
}

/** Fastify's trustProxy: X-Forwarded-For only from TRUSTED_PROXIES; req.ip is the rightmost untrusted hop. */
export function trustProxyOption(network: NetworkConfig): string[] | false {
  return network.trustedProxies.length > 0 ? [...network.trustedProxies] : false;
}
