import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { metricsRegistry } from '../../core/metrics.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * GET /metrics in Prometheus' text format. With a token configured every scrape must bear it
 * (a reverse proxy on the same machine makes every request look local, so the address alone
 * is not enough then); without one, only the machine itself may read it.
 */
export const metricsRoutes: FastifyPluginAsync<{ token?: string }> = async (app, { token }) => {
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!allowed(request, token)) {
      return reply.status(401).send({
        error: 'unauthorized',
        message: token ? 'Send "Authorization: Bearer <METRICS_TOKEN>"' : 'Loopback only',
      });
    }
    const text = await metricsRegistry.metrics();
    return reply.type(metricsRegistry.contentType).send(text);
  });
};

function allowed(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return LOOPBACK.has(request.socket.remoteAddress ?? '');
  const given = Buffer.from(
    /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '',
  );
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
