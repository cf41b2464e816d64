import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DASHBOARD_PATH, type DashboardSessions, sessionCookie } from '../../dashboard/session.ts';
import { requireRole } from '../auth.ts';

/**
 * Opens a session for the queue dashboard. Browsers cannot send a bearer token when they
 * open a page, so an admin trades theirs here for a short-lived signed cookie.
 */
export const dashboardSessionRoutes: FastifyPluginAsyncZod<{
  sessions: DashboardSessions;
}> = async (app, { sessions }) => {
  app.post(
    '/dashboard-session',
    {
      schema: {
        tags: ['operations'],
        summary: 'Open a half-hour session for the queue dashboard (sets an HttpOnly cookie)',
        response: { 201: z.object({ url: z.string(), expiresAt: z.iso.datetime() }) },
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const session = sessions.issue(admin.tokenId, new Date());
      const secure = request.protocol === 'https';
      return reply
        .status(201)
        .header('set-cookie', sessionCookie(session.value, session.expiresAt, secure))
        .send({ url: DASHBOARD_PATH, expiresAt: session.expiresAt.toISOString() });
    },
  );
};
