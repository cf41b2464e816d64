import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DashboardSessions } from '../dashboard/session.ts';
import { rejectNul } from '../input-errors.ts';
import { authenticate } from './auth.ts';
import type { AdminApiOptions } from './options.ts';
import { broadcastRoutes } from './routes/broadcasts.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { categoryRoutes } from './routes/categories.ts';
import { categoryRouteRoutes } from './routes/category-routes.ts';
import { dashboardSessionRoutes } from './routes/dashboard-session.ts';
import { districtRoutes } from './routes/districts.ts';
import { exportRoutes } from './routes/export.ts';
import { hearingRoutes } from './routes/hearings.ts';
import { helpRoutes } from './routes/help.ts';
import { linkCodeRoutes } from './routes/link-codes.ts';
import { officeRoutes } from './routes/offices.ts';
import { officialReportRoutes } from './routes/official-reports.ts';
import { officialRoutes } from './routes/officials.ts';
import { reportRoutes } from './routes/reports.ts';
import { statsRoutes } from './routes/stats.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { volunteeringRoutes } from './routes/volunteering.ts';

/** Bodies of the admin API are small JSON documents; anything near this is not one. */
const BODY_LIMIT = 64 * 1024;

/**
 * The admin API under /api/v1: every route authenticated by a bearer token, validated by zod
 * schemas (which also make the OpenAPI document), rate limited per address.
 */
export const adminApi: FastifyPluginAsync<
  AdminApiOptions & { dashboardSessions?: DashboardSessions }
> = async (app, options) => {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(rateLimit, {
    max: options.requestsPerMinute ?? 600,
    timeWindow: 60_000,
    // Per address: a guesser trying tokens is held back like any client.
    keyGenerator: (request) => request.ip,
  });
  app.addHook('onRoute', (route) => {
    route.bodyLimit ??= BODY_LIMIT;
  });
  // After the rate limit (an onRequest hook), so failed logins count against it too.
  app.addHook('preValidation', authenticate(options.prisma));
  // Webhooks keep what platforms send (their own sanitising handles it); people's input here
  // with a NUL character is refused.
  app.addHook('preValidation', async (request) => rejectNul(request));

  await app.register(tokenRoutes, { prisma: options.prisma });
  // The plugin's own options carry Fastify's `prefix`; the routes get ours only.
  const deps: AdminApiOptions = {
    prisma: options.prisma,
    calendar: options.calendar,
    ...(options.media ? { media: options.media } : {}),
    ...(options.onJobsQueued ? { onJobsQueued: options.onJobsQueued } : {}),
    ...(options.knowledge ? { knowledge: options.knowledge } : {}),
  };
  await app.register(reportRoutes, deps);
  await app.register(helpRoutes, deps);
  await app.register(broadcastRoutes, deps);
  await app.register(officialReportRoutes, deps);
  await app.register(hearingRoutes, deps);
  await app.register(volunteeringRoutes, deps);
  // The city's reference data: offices, districts, categories, routes, staff, the calendar.
  const reference = { prisma: options.prisma };
  await app.register(officeRoutes, reference);
  await app.register(districtRoutes, reference);
  await app.register(categoryRoutes, reference);
  await app.register(categoryRouteRoutes, reference);
  await app.register(officialRoutes, reference);
  await app.register(linkCodeRoutes, reference);
  await app.register(
    calendarRoutes,
    options.calendarDir ? { calendarDir: options.calendarDir } : {},
  );
  await app.register(statsRoutes, { prisma: options.prisma });
  await app.register(exportRoutes, { prisma: options.prisma });
  if (options.dashboardSessions) {
    await app.register(dashboardSessionRoutes, { sessions: options.dashboardSessions });
  }
};

export type { AdminApiOptions } from './options.ts';
