import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrismaClient } from '../../../core/db/client.ts';
import {
  publishingOffice,
  questionScope,
  readRight,
  type Staff,
} from '../../../core/official-reports/access.ts';
import {
  MAX_TEXT,
  MAX_TITLE,
  type PublishRefusal,
  publishOfficialReport,
} from '../../../core/official-reports/publish.ts';
import { listReportQuestions } from '../../../core/official-reports/question-lists.ts';
import {
  type AnswerRefusal,
  answerReportQuestion,
  MAX_ANSWER,
} from '../../../core/official-reports/questions.ts';
import { listOfficialReports, readOfficialReport } from '../../../core/official-reports/read.ts';
import { principalOf, requireRole } from '../auth.ts';
import { ApiError, forbidden, notFound } from '../errors.ts';
import type { AdminApiOptions } from '../options.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { dbId } from './ids.ts';
import {
  answerBody,
  detailOf,
  detailSchema,
  listQuery,
  publishBody,
  questionOf,
  questionSchema,
  questionsQuery,
  summaryOf,
  summarySchema,
} from './official-report-views.ts';

const TAGS = ['official reports'];
/** Who publishes reports and answers their questions; the office rule comes on top. */
const PUBLISHERS = ['official', 'head', 'admin'] as const;
/** Questions shown with one report; the rest are paged through /official-reports/questions. */
const QUESTIONS_WITH_REPORT = 100;
const idParams = z.object({ id: dbId });
const READERS_ONLY = 'Officials’ reports are for office staff, dispatchers, moderators and admins';

/**
 * Officials' reports: officials and heads publish their office's (admins any office's), list
 * and read them with residents' questions and ratings, and answer the questions; the answer
 * reaches the resident in their bot. Another office's report or question is a 404 for them.
 */
export const officialReportRoutes: FastifyPluginAsyncZod<AdminApiOptions> = async (
  app,
  options,
) => {
  const { prisma } = options;

  app.post(
    '/official-reports',
    {
      schema: {
        tags: TAGS,
        summary: 'Publish a report; followers of officials’ reports hear of it',
        body: publishBody,
        response: { 201: summarySchema.extend({ announcedTo: z.number() }) },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, ...PUBLISHERS);
      const { officeCode, ...fields } = request.body;
      const office = publishingOffice(principal, await officeByCode(prisma, officeCode));
      if (!office.ok) throw publishRefusal(office.reason);
      const outcome = await prisma.$transaction((db) =>
        publishOfficialReport(db, {
          ...fields,
          officeId: office.officeId,
          author: { tokenId: principal.tokenId },
          now: new Date(),
        }),
      );
      if (!outcome.ok) throw invalidReport(outcome.reason);
      options.onJobsQueued?.();
      const published = await readOfficialReport(prisma, outcome.id, 0);
      if (!published) throw notFound(`Official report ${outcome.id}`);
      return reply.status(201).send({ ...summaryOf(published), announcedTo: outcome.recipients });
    },
  );

  app.get(
    '/official-reports',
    {
      schema: {
        tags: TAGS,
        summary: 'Reports, newest first, with cursor pagination',
        querystring: listQuery,
        response: {
          200: z.object({
            officialReports: z.array(summarySchema),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const { query } = request;
      const officeId = officeOfList(principalOf(request), query.officeId);
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const rows = await listOfficialReports(prisma, {
        ...(officeId === undefined ? {} : { officeId }),
        ...(after ? { after: { publishedAt: after.createdAt, id: after.id } } : {}),
        take: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        officialReports: page.map(summaryOf),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor({ createdAt: last.publishedAt, id: last.id })
            : null,
      };
    },
  );

  app.get(
    '/official-reports/questions',
    {
      schema: {
        tags: TAGS,
        summary: 'Residents’ questions about reports: unanswered first, then the latest answers',
        querystring: questionsQuery,
        response: { 200: z.object({ total: z.number(), questions: z.array(questionSchema) }) },
      },
    },
    async (request) => {
      const { query } = request;
      const principal = principalOf(request);
      const officeId = officeOfList(principal, query.officeId);
      if (query.officialReportId !== undefined) {
        await reportFor(prisma, principal, query.officialReportId);
      }
      const { total, questions } = await listReportQuestions(prisma, {
        status: query.status,
        officeId,
        officialReportId: query.officialReportId,
        skip: query.offset,
        take: query.limit,
      });
      return { total, questions: questions.map(questionOf) };
    },
  );

  app.get(
    '/official-reports/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'One report with its rating and residents’ questions, answered or not',
        params: idParams,
        response: { 200: detailSchema },
      },
    },
    async (request) => {
      const report = await reportFor(prisma, principalOf(request), request.params.id);
      const { questions } = await listReportQuestions(prisma, {
        status: 'all',
        officialReportId: report.id,
        skip: 0,
        take: QUESTIONS_WITH_REPORT,
      });
      return detailOf(report, questions);
    },
  );

  app.post(
    '/official-reports/questions/:id/answer',
    {
      schema: {
        tags: TAGS,
        summary: 'Answer a question; the resident gets it and it is shown with the report',
        params: idParams,
        body: answerBody,
      },
    },
    async (request) => {
      const principal = requireRole(request, ...PUBLISHERS);
      const outcome = await prisma.$transaction((db) =>
        answerReportQuestion(db, {
          questionId: request.params.id,
          text: request.body.text,
          now: new Date(),
          by: { role: principal.role, officeId: principal.officeId, tokenId: principal.tokenId },
        }),
      );
      if (!outcome.ok) throw answerRefusal(outcome.reason, request.params.id);
      options.onJobsQueued?.();
      return { id: outcome.id, officialReportId: outcome.officialReportId, status: 'answered' };
    },
  );
};

async function officeByCode(prisma: PrismaClient, code: string | undefined) {
  if (code === undefined) return undefined;
  const office = await prisma.office.findUnique({ where: { code }, select: { id: true } });
  if (!office) throw new ApiError(400, 'unknown_office', `There is no office "${code}"`);
  return office.id;
}

/** The office a list is limited to: an official's own (naming another is refused), or any. */
function officeOfList(staff: Staff, named: number | undefined): number | undefined {
  const scope = questionScope(staff);
  if (scope === 'forbidden') throw forbidden(READERS_ONLY);
  if (scope.officeId === undefined) return named;
  if (named !== undefined && named !== scope.officeId) {
    throw forbidden('Officials see their own office’s reports only');
  }
  return scope.officeId;
}

/** A report the caller may read; another office's is not found, as if it did not exist. */
async function reportFor(prisma: PrismaClient, staff: Staff, id: number) {
  if (questionScope(staff) === 'forbidden') throw forbidden(READERS_ONLY);
  const report = await readOfficialReport(prisma, id, 0);
  if (!report || readRight(staff, report.officeId) !== 'allowed') {
    throw notFound(`Official report ${id}`);
  }
  return report;
}

function publishRefusal(reason: 'forbidden' | 'other_office' | 'office_needed'): ApiError {
  switch (reason) {
    case 'office_needed':
      return new ApiError(400, 'office_needed', 'Name the office: officeCode');
    case 'other_office':
      return forbidden('Officials publish for their own office only');
    case 'forbidden':
      return forbidden('Reports are published by officials, heads and admins');
  }
}

const INVALID: Record<PublishRefusal | 'unknown_office', string> = {
  bad_title: `The title must be 1 to ${MAX_TITLE} characters`,
  bad_text: `The text must be 1 to ${MAX_TEXT} characters`,
  bad_video_url: 'videoUrl must be an http(s) link',
  bad_document_url: 'documentUrl must be an http(s) link',
  unknown_office: 'The office is gone',
};

function invalidReport(reason: PublishRefusal | 'unknown_office'): ApiError {
  return new ApiError(400, reason, INVALID[reason]);
}

function answerRefusal(reason: AnswerRefusal, id: number): ApiError {
  switch (reason) {
    case 'not_found':
      return notFound(`Question ${id}`);
    case 'forbidden':
      return forbidden('Questions are answered by their office’s staff and admins');
    case 'already_answered':
      return new ApiError(409, 'already_answered', 'The question has been answered already');
    case 'empty':
    case 'too_long':
      return new ApiError(400, reason, `The answer must be 1 to ${MAX_ANSWER} characters`);
  }
}
