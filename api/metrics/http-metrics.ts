import type { FastifyInstance } from 'fastify';
import { metrics } from '../../core/metrics.ts';

/**
 * Counts every answered request and its duration on the root instance (hooks added here,
 * not in a plugin, reach every route). Requests matching no route share one label so a
 * scan of random addresses cannot grow the label set.
 */
export function recordHttpMetrics(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const method = request.method;
    metrics.httpRequests.inc({ route, method, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ route, method }, reply.elapsedTime / 1000);
  });
}
