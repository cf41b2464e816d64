import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { TelegramBot } from '../bots/telegram/bot.ts';
import type { VkBot } from '../bots/vk/bot.ts';
import type { PrismaClient } from '../core/db/client.ts';
import type { Logger } from '../core/logger.ts';
import { type AdminApiOptions, adminApi } from './admin/plugin.ts';
import { queueDashboard } from './dashboard/queue-dashboard.ts';
import { createDashboardSessions } from './dashboard/session.ts';
import { InvalidInputError, isInputError } from './input-errors.ts';
import { requestWithoutQuery } from './log-serializers.ts';
import { recordHttpMetrics } from './metrics/http-metrics.ts';
import { metricsRoutes } from './metrics/metrics-route.ts';
import { type Open311Options, open311Api } from './open311/plugin.ts';
import { healthRoutes } from './routes/health.ts';
import { telegramWebhookRoutes } from './routes/telegram-webhook.ts';
import { vkCallbackRoutes } from './routes/vk-callback.ts';

export interface ServerDeps {
  log: Logger;
  prisma: PrismaClient;
  redis: Redis;
  /** Present when the Telegram bot runs in webhook mode. */
  telegramWebhook?: { bot: TelegramBot; secret: string };
  /** The admin API under /api/v1 (and its OpenAPI document at /api/openapi.json). */
  admin?: AdminApiOptions;
  /** Open311 GeoReport v2 under /open311/v2. */
  open311?: Open311Options;
  /** Present when the VK bot takes events by the Callback API. */
  vkCallback?: { bot: VkBot; groupId: number; secret: string; confirmation: string };
  /** METRICS_TOKEN: set, GET /metrics needs it; unset, /metrics answers loopback only. */
  metricsToken?: string;
  /** The BullMQ dashboard for admins at /admin/queues (needs `admin` for its sessions). */
  queueDashboard?: { redisUrl: string; prefix: string };
}

/** Assembles the HTTP server without listening; the entry point or a test decides that. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger and Fastify's logger type differ only in fields Fastify never reads.
    loggerInstance: deps.log as FastifyBaseLogger,
    // Telegram's updates are small; anything near a megabyte is not from Telegram.
    bodyLimit: 1024 * 1024,
  });

  app.setErrorHandler<FastifyError>((raw, request, reply) => {
    const error = isInputError(raw)
      ? (new InvalidInputError('A value is out of range or malformed') as unknown as FastifyError)
      : raw;
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    const code = error.code === 'FST_ERR_VALIDATION' ? 'invalid_request' : error.code;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: error.code, status }, 'request refused');
    void reply.status(status).send({
      error: status >= 500 ? 'internal_error' : (code ?? 'bad_request'),
      message: status >= 500 ? 'Internal server error' : error.message,
    });
  });

  // Query strings can hold what residents wrote (a searched address): logs get the path only.
  app.addHook('onRoute', (route) => {
    route.logSerializers = { ...route.logSerializers, req: requestWithoutQuery };
  });
  await app.register(helmet, { contentSecurityPolicy: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'One Click admin API', version: '1' },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  recordHttpMetrics(app);
  await app.register(healthRoutes, { prisma: deps.prisma, redis: deps.redis });
  await app.register(metricsRoutes, deps.metricsToken ? { token: deps.metricsToken } : {});
  const sessions = deps.admin && deps.queueDashboard ? createDashboardSessions() : undefined;
  if (deps.admin) {
    await app.register(adminApi, {
      ...deps.admin,
      ...(sessions ? { dashboardSessions: sessions } : {}),
      prefix: '/api/v1',
    });
  }
  if (deps.queueDashboard && sessions) {
    const { redisUrl, prefix: keyPrefix } = deps.queueDashboard;
    await app.register(queueDashboard, { redisUrl, keyPrefix, prisma: deps.prisma, sessions });
  }
  if (deps.open311) await app.register(open311Api, { ...deps.open311, prefix: '/open311/v2' });
  if (deps.telegramWebhook) await app.register(telegramWebhookRoutes, deps.telegramWebhook);
  if (deps.vkCallback) await app.register(vkCallbackRoutes, deps.vkCallback);
  return app;
}
