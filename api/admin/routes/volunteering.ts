import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AdminApiOptions } from '../options.ts';
import { volunteerAttendanceRoutes } from './volunteer-attendance.ts';
import { volunteerEventRoutes } from './volunteer-events.ts';

/**
 * Volunteering for organisers (and admins): events over /volunteer-events, who comes and
 * whether they came, and each resident's hours. Residents sign up in the bots.
 */
export const volunteeringRoutes: FastifyPluginAsyncZod<AdminApiOptions> = async (app, options) => {
  await app.register(volunteerEventRoutes, options);
  await app.register(volunteerAttendanceRoutes, options);
};
