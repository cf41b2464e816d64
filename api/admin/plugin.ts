import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { authenticate } from './auth.ts';
import type { AdminApiOptions } from './options.ts';
import { reportRoutes } from './routes/reports.ts';
import { tokenRoutes } from './routes/tokens.ts';

/** Bodies of the admin API are small JSON documents; anything near this is not one. */
const BODY_LIMIT = 64 * 1024;

/**
 * The admin API under /api/v1: every route authenticated by a bearer token, validated by zod
 * schemas (which also make the OpenAPI document), rate limited per token.
 */
export const adminApi: FastifyPluginAsync<AdminApiOptions> = async (app, options) => {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(rateLimit, {
    max: options.requestsPerMinute ?? 600,
    timeWindow: 60_000,
    // Per token when one is presented, per address otherwise.
    keyGenerator: (request) => request.headers.authorization ?? request.ip,
  });
  app.addHook('onRoute', (route) => {
    route.bodyLimit ??= BODY_LIMIT;
  });
  app.addHook('onRequest', authenticate(options.prisma));

  await app.register(tokenRoutes, { prisma: options.prisma });
  // The plugin's own options carry Fastify's `prefix`; the routes get ours only.
  const deps: AdminApiOptions = {
    prisma: options.prisma,
    calendar: options.calendar,
    ...(options.media ? { media: options.media } : {}),
    ...(options.onJobsQueued ? { onJobsQueued: options.onJobsQueued } : {}),
  };
  await app.register(reportRoutes, deps);
};

export type { AdminApiOptions } from './options.ts';
