import { Global, Module } from '@nestjs/common';
import { BastionMetrics } from './bastion-metrics';

/**
 * Prometheus metrics (prom-client): one registry per application, injected where things are counted.
 * Global, like the Redis connection: every feature module counts, none owns it. Served by serveMetrics.
 */
@Global()
@Module({ providers: [BastionMetrics], exports: [BastionMetrics] })
export class MetricsModule {}
