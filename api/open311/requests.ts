import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, Open311Error } from './errors.ts';
import { translateFor } from './locale.ts';
import type { Open311Options } from './options.ts';
import { REQUEST_SELECT, requestSchema, serviceRequestOf } from './request-view.ts';
import { listQuery, whereOf } from './requests-query.ts';

/** GET requests.json and requests/{service_request_id}.json: reports, as the spec names them. */
export const requestRoutes: FastifyPluginAsyncZod<Open311Options> = async (app, options) => {
  const { prisma } = options;
  const now = options.now ?? (() => new Date());

  app.get(
    '/requests.json',
    {
      schema: {
        tags: ['open311'],
        summary: 'Open311: service requests, newest first (last 90 days unless dates are given)',
        description:
          'At most 1000 a page; `page` and `page_size` (extensions) reach further. ' +
          '`service_request_id` names requests and overrides every other filter.',
        security: [],
        querystring: listQuery,
        response: { 200: z.array(requestSchema), ...errorResponses },
      },
    },
    async (request) => {
      const query = request.query;
      const rows = await prisma.report.findMany({
        where: whereOf(query, now()),
        orderBy: [{ createdAt: 'desc' }, { number: 'desc' }],
        skip: (query.page - 1) * query.page_size,
        take: query.page_size,
        select: REQUEST_SELECT,
      });
      const t = translateFor(request);
      const origin = originOf(request);
      return rows.map((row) => serviceRequestOf(row, t, origin));
    },
  );

  app.get(
    '/requests/:service_request_id.json',
    {
      schema: {
        tags: ['open311'],
        summary: 'Open311: one service request (an array of one, as the spec has it)',
        security: [],
        params: z.object({ service_request_id: z.string().max(20) }),
        querystring: z.object({ jurisdiction_id: z.string().max(100).optional() }),
        response: { 200: z.array(requestSchema), ...errorResponses },
      },
    },
    async (request) => {
      const id = request.params.service_request_id;
      const row = /^\d{1,9}$/.test(id)
        ? await prisma.report.findUnique({ where: { number: Number(id) }, select: REQUEST_SELECT })
        : null;
      if (!row) throw new Open311Error(404, `Service request "${id}" not found`);
      return [serviceRequestOf(row, translateFor(request), originOf(request))];
    },
  );
};

/** Where the client reached us, so links it gets back work from where it stands. */
export function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
