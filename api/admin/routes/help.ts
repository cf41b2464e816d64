import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerQuestion,
  MAX_HELP_TEXT,
  questionToArticle,
} from '../../../core/helpdesk/questions.ts';
import { requireRole } from '../auth.ts';
import { ApiError, notFound } from '../errors.ts';
import type { AdminApiOptions } from '../options.ts';
import { dbId } from './ids.ts';

const OPERATORS = ['operator', 'admin'] as const;
const idParams = z.object({ id: dbId });
const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{2,100}$/) });

const articleFields = z.object({
  question: z.string().trim().min(3).max(500),
  phrasings: z.array(z.string().trim().min(2).max(500)).max(30).default([]),
  answer: z.string().trim().min(3).max(MAX_HELP_TEXT),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  topic: z.string().trim().min(1).max(50),
  needsContact: z.boolean().default(false),
  published: z.boolean().default(true),
});

/**
 * The help desk for operators: the queue of residents' questions (oldest first), answers that
 * reach the resident in their bot, and the knowledge base, where an answer can become an
 * article in one step.
 */
export const helpRoutes: FastifyPluginAsyncZod<AdminApiOptions> = async (app, options) => {
  const { prisma } = options;
  const changed = () => options.knowledge?.invalidate();

  app.get(
    '/help/questions',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Residents’ questions, oldest first',
        querystring: z.object({ status: z.enum(['open', 'answered', 'closed']).default('open') }),
      },
    },
    async (request) => {
      requireRole(request, ...OPERATORS);
      const rows = await prisma.helpQuestion.findMany({
        where: { status: request.query.status },
        orderBy: { createdAt: 'asc' },
        take: 100,
        select: {
          id: true,
          text: true,
          status: true,
          answer: true,
          rating: true,
          deadlineAt: true,
          createdAt: true,
          answeredAt: true,
          articleId: true,
        },
      });
      return { questions: rows };
    },
  );

  app.post(
    '/help/questions/:id/answer',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Answer a question; the resident gets it in their bot',
        params: idParams,
        body: z.object({ text: z.string().max(MAX_HELP_TEXT) }),
      },
    },
    async (request) => {
      const principal = requireRole(request, ...OPERATORS);
      const outcome = await prisma.$transaction((db) =>
        answerQuestion(db, {
          questionId: request.params.id,
          text: request.body.text,
          now: new Date(),
          tokenId: principal.tokenId,
        }),
      );
      if (!outcome.ok) {
        if (outcome.reason === 'not_found') throw notFound(`Question ${request.params.id}`);
        if (outcome.reason === 'already_answered') {
          throw new ApiError(409, 'already_answered', 'The question has been answered already');
        }
        throw new ApiError(400, outcome.reason, 'The answer must be 1 to 4000 characters');
      }
      options.onJobsQueued?.();
      return { id: outcome.id, status: 'answered' };
    },
  );

  app.post(
    '/help/questions/:id/article',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Make an answered question a knowledge-base article',
        params: idParams,
        body: z.object({
          question: z.string().trim().min(3).max(500).optional(),
          tags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
          topic: z.string().trim().min(1).max(50).optional(),
        }),
      },
    },
    async (request, reply) => {
      requireRole(request, ...OPERATORS);
      const made = await questionToArticle(prisma, {
        questionId: request.params.id,
        ...request.body,
      });
      if (!made.ok && made.reason === 'not_found') throw notFound(`Question ${request.params.id}`);
      if (!made.ok) throw new ApiError(409, 'not_answered', 'Answer the question first');
      changed();
      return reply.status(201).send({ articleId: made.articleId });
    },
  );

  app.get(
    '/help/articles',
    { schema: { tags: ['help desk'], summary: 'The knowledge base, with what needs a contact' } },
    async (request) => {
      requireRole(request, ...OPERATORS);
      const articles = await prisma.article.findMany({
        orderBy: [{ topic: 'asc' }, { id: 'asc' }],
      });
      return { articles };
    },
  );

  app.post(
    '/help/articles',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Add an article',
        body: articleFields.extend({ slug: z.string().regex(/^[a-z0-9-]{2,100}$/) }),
      },
    },
    async (request, reply) => {
      requireRole(request, ...OPERATORS);
      const exists = await prisma.article.findUnique({ where: { slug: request.body.slug } });
      if (exists) throw new ApiError(409, 'slug_taken', `Article "${request.body.slug}" exists`);
      const article = await prisma.article.create({ data: request.body });
      changed();
      return reply.status(201).send(article);
    },
  );

  app.patch(
    '/help/articles/:slug',
    {
      schema: {
        tags: ['help desk'],
        summary: 'Change an article (e.g. fill in a city contact and clear needsContact)',
        params: slugParams,
        body: articleFields.partial(),
      },
    },
    async (request) => {
      requireRole(request, ...OPERATORS);
      const found = await prisma.article.findUnique({ where: { slug: request.params.slug } });
      if (!found) throw notFound(`Article "${request.params.slug}"`);
      const data = Object.fromEntries(
        Object.entries(request.body).filter(([, value]) => value !== undefined),
      );
      const article = await prisma.article.update({ where: { slug: request.params.slug }, data });
      changed();
      return article;
    },
  );
};
