import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrismaClient } from '../../../core/db/client.ts';
import {
  type CommentRecord,
  commentLabel,
  commentsAfter,
} from '../../../core/hearings/comments.ts';
import { requireRole } from '../auth.ts';
import { type CsvValue, csvLine, UTF8_BOM } from '../csv.ts';
import { notFound } from '../errors.ts';
import { HEARING_ORGANISERS, idParams } from './hearing-schemas.ts';

/** Comments read from the database at a time: a busy hearing never sits in memory whole. */
const BATCH = 500;

const HEADER = ['number', 'created_at', 'kind', 'full_name', 'address', 'phone', 'text'];

const commentView = z.object({
  /** The number the resident was told, e.g. "12-3". */
  number: z.string(),
  kind: z.string(),
  text: z.string(),
  fullName: z.string(),
  address: z.string(),
  phone: z.string(),
  createdAt: z.string(),
});

/**
 * A hearing's comments for its organisers, with the name, address and phone each was given
 * under: personal data, so for organisers and admins only, never cached.
 */
export const hearingCommentRoutes: FastifyPluginAsyncZod<{ prisma: PrismaClient }> = async (
  app,
  { prisma },
) => {
  const tags = ['hearings'];

  async function requireHearing(id: number): Promise<void> {
    const found = await prisma.hearing.findUnique({ where: { id }, select: { id: true } });
    if (!found) throw notFound(`Hearing ${id}`);
  }

  app.get(
    '/hearings/:id/comments',
    {
      schema: {
        tags,
        summary: 'A hearing’s comments in number order, with who gave them',
        params: idParams,
        querystring: z.object({
          /** The last number of the previous page. */
          after: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(BATCH).default(100),
        }),
        response: {
          200: z.object({ comments: z.array(commentView), nextAfter: z.number().nullable() }),
        },
      },
    },
    async (request, reply) => {
      requireRole(request, ...HEARING_ORGANISERS);
      const { id } = request.params;
      await requireHearing(id);
      const { after, limit } = request.query;
      const rows = await commentsAfter(prisma, id, after, limit);
      reply.header('cache-control', 'no-store');
      return {
        comments: rows.map((row) => ({
          ...row,
          number: commentLabel(id, row.number),
          createdAt: row.createdAt.toISOString(),
        })),
        nextAfter: rows.length === limit ? (rows.at(-1)?.number ?? null) : null,
      };
    },
  );

  app.get(
    '/hearings/:id/comments.csv',
    {
      schema: {
        tags,
        summary: 'A hearing’s comments as CSV (UTF-8 with BOM, RFC 4180), for the protocol',
        params: idParams,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      requireRole(request, ...HEARING_ORGANISERS);
      const { id } = request.params;
      await requireHearing(id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="hearing-${id}-comments.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(csvLines(prisma, id)));
    },
  );
};

async function* csvLines(prisma: PrismaClient, hearingId: number) {
  yield UTF8_BOM + csvLine(HEADER);
  let after = 0;
  for (;;) {
    const rows = await commentsAfter(prisma, hearingId, after, BATCH);
    if (rows.length === 0) return;
    yield rows.map((row) => csvLine(cellsOf(hearingId, row))).join('');
    after = rows.at(-1)?.number ?? after;
  }
}

function cellsOf(hearingId: number, row: CommentRecord): CsvValue[] {
  return [
    commentLabel(hearingId, row.number),
    row.createdAt,
    row.kind,
    row.fullName,
    row.address,
    row.phone,
    row.text,
  ];
}
