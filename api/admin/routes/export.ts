import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrismaClient } from '../../../core/db/client.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';
import { principalOf } from '../auth.ts';
import { type CsvValue, csvLine, UTF8_BOM } from '../csv.ts';
import { reportScope } from '../scope.ts';
import { checkPeriod, periodFields } from './period.ts';

/** Rows read from the database at a time: a year of a city's reports never sits in memory. */
const BATCH = 500;

const HEADER = [
  'number',
  'created_at',
  'status',
  'category',
  'district',
  'office',
  'address',
  'latitude',
  'longitude',
  'deadline_at',
  'first_answer_at',
  'resolved_at',
  'closed_at',
  'reopen_count',
  'description',
];

const ROW_SELECT = {
  id: true,
  number: true,
  createdAt: true,
  status: true,
  address: true,
  latitude: true,
  longitude: true,
  deadlineAt: true,
  resolvedAt: true,
  closedAt: true,
  reopenCount: true,
  description: true,
  category: { select: { name: true } },
  district: { select: { name: true } },
  office: { select: { name: true } },
} as const;

/**
 * GET /reports.csv: the reports filed in a period that the caller may see, one row each,
 * streamed batch by batch. Nothing names a resident (no platform or chat ids).
 */
export const exportRoutes: FastifyPluginAsyncZod<{ prisma: PrismaClient }> = async (
  app,
  { prisma },
) => {
  app.get(
    '/reports.csv',
    {
      schema: {
        tags: ['reports'],
        summary: 'Reports filed in a period as CSV (UTF-8 with BOM, RFC 4180)',
        querystring: z.object(periodFields).superRefine(checkPeriod),
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const where: Prisma.ReportWhereInput = {
        AND: [
          reportScope(principalOf(request)),
          { createdAt: { gte: new Date(from), lt: new Date(to) } },
        ],
      };
      const name = `reports-${from.slice(0, 10)}-${to.slice(0, 10)}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(csvLines(prisma, where)));
    },
  );
};

async function* csvLines(prisma: PrismaClient, where: Prisma.ReportWhereInput) {
  yield UTF8_BOM + csvLine(HEADER);
  let after = 0;
  for (;;) {
    const rows = await prisma.report.findMany({
      where: { AND: [where, { id: { gt: after } }] },
      orderBy: { id: 'asc' },
      take: BATCH,
      select: ROW_SELECT,
    });
    if (rows.length === 0) return;
    const firstAnswers = await firstAnswersOf(
      prisma,
      rows.map((row) => row.id),
    );
    yield rows.map((row) => csvLine(cellsOf(row, firstAnswers.get(row.id) ?? null))).join('');
    after = rows.at(-1)?.id ?? after;
  }
}

/** When each report was first answered (interim or final), for one batch. */
async function firstAnswersOf(prisma: PrismaClient, reportIds: number[]) {
  const rows = await prisma.reportEvent.groupBy({
    by: ['reportId'],
    where: { reportId: { in: reportIds }, type: { in: ['answered_interim', 'answered_final'] } },
    _min: { createdAt: true },
  });
  return new Map(rows.map((row) => [row.reportId, row._min.createdAt]));
}

type Row = Prisma.ReportGetPayload<{ select: typeof ROW_SELECT }>;

function cellsOf(row: Row, firstAnswerAt: Date | null): CsvValue[] {
  return [
    row.number,
    row.createdAt,
    row.status,
    row.category.name,
    row.district?.name ?? null,
    row.office?.name ?? null,
    row.address,
    row.latitude,
    row.longitude,
    row.deadlineAt,
    firstAnswerAt,
    row.resolvedAt,
    row.closedAt,
    row.reopenCount,
    row.description,
  ];
}
