import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrismaClient } from '../../../core/db/client.ts';
import { districtStats } from '../../../core/reports/district-stats.ts';
import { officeStats } from '../../../core/reports/office-stats.ts';
import { answeredCounts, type FigurePeriod } from '../../../core/reports/period-figures.ts';
import { principalOf } from '../auth.ts';
import { reportScope } from '../scope.ts';
import { checkPeriod, periodFields } from './period.ts';

const figures = {
  received: z.number(),
  answered: z.number(),
  resolved: z.number(),
  reopened: z.number(),
  overdueNow: z.number(),
  medianHoursToFirstAnswer: z.number().nullable(),
  answeredInTimeShare: z.number().nullable(),
  gradedGood: z.number(),
  answersReturned: z.number(),
};

const statsResponse = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['office', 'district']),
  groups: z.array(z.object({ id: z.number().nullable(), name: z.string().nullable(), ...figures })),
});

/**
 * Statistics per office or per district for a period. Officials and heads get their own
 * office's figures only (one office row; per district, their office's reports by district);
 * dispatchers, moderators and admins get every office's.
 */
export const statsRoutes: FastifyPluginAsyncZod<{ prisma: PrismaClient }> = async (
  app,
  { prisma },
) => {
  app.get(
    '/stats',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Received, answered, resolved, reopened, first-answer times and grades',
        querystring: z
          .object({ ...periodFields, groupBy: z.enum(['office', 'district']).default('office') })
          .superRefine(checkPeriod),
        response: { 200: statsResponse },
      },
    },
    async (request) => {
      const { from, to, groupBy } = request.query;
      const scope = reportScope(principalOf(request));
      const officeId = typeof scope.officeId === 'number' ? scope.officeId : undefined;
      const period: FigurePeriod = {
        from: new Date(from),
        to: new Date(to),
        now: new Date(),
        ...(officeId === undefined ? {} : { officeId }),
      };
      const groups =
        groupBy === 'office' ? await byOffice(prisma, period) : await byDistrict(prisma, period);
      return { from: period.from.toISOString(), to: period.to.toISOString(), groupBy, groups };
    },
  );
};

async function byOffice(prisma: PrismaClient, period: FigurePeriod) {
  const offices = await officeStats(prisma, period);
  const answered = await answeredCounts(prisma, 'office_id', period);
  return offices.map(({ officeId, officeName, ...rest }) => ({
    id: officeId,
    name: officeName,
    ...rest,
    answered: answered.find((row) => row.key === officeId)?.n ?? 0,
  }));
}

async function byDistrict(prisma: PrismaClient, period: FigurePeriod) {
  const districts = await districtStats(prisma, period);
  return districts.map(({ districtId, districtCode: _code, districtName, ...rest }) => ({
    id: districtId,
    name: districtName,
    ...rest,
  }));
}
