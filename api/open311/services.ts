import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Translate } from '../../core/i18n/index.ts';
import { errorResponses, Open311Error } from './errors.ts';
import { translateFor } from './locale.ts';
import type { Open311Options } from './options.ts';

const serviceSchema = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});

const definitionSchema = z.object({
  service_code: z.string(),
  attributes: z.array(z.never()),
});

const jurisdiction = z.object({ jurisdiction_id: z.string().max(100).optional() });

interface CategoryRow {
  code: string;
  name: string;
  description: string;
  urgent: boolean;
}

/** GET services.json and services/{service_code}.json: our categories as Open311 services. */
export const serviceRoutes: FastifyPluginAsyncZod<Open311Options> = async (app, options) => {
  const { prisma } = options;
  const select = { code: true, name: true, description: true, urgent: true } as const;

  app.get(
    '/services.json',
    {
      schema: {
        tags: ['open311'],
        summary: 'Open311: the services (our report categories)',
        security: [],
        querystring: jurisdiction,
        response: { 200: z.array(serviceSchema), ...errorResponses },
      },
    },
    async (request) => {
      const rows = await prisma.category.findMany({
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
        select,
      });
      const t = translateFor(request);
      return rows.map((row) => serviceOf(row, t));
    },
  );

  app.get(
    '/services/:service_code.json',
    {
      schema: {
        tags: ['open311'],
        summary: 'Open311: a service definition (we ask for no extra attributes)',
        security: [],
        params: z.object({ service_code: z.string().max(64) }),
        querystring: jurisdiction,
        response: { 200: definitionSchema, ...errorResponses },
      },
    },
    async (request) => {
      const code = request.params.service_code;
      const row = await prisma.category.findUnique({ where: { code }, select });
      if (!row) throw new Open311Error(404, `Service "${code}" not found`);
      return { service_code: row.code, attributes: [] };
    },
  );
};

function serviceOf(row: CategoryRow, t: Translate) {
  return {
    service_code: row.code,
    service_name: row.name,
    description: row.description,
    // No service asks for attributes, so clients need not fetch a definition.
    metadata: false,
    type: 'realtime' as const,
    keywords: keywordsOf(row.name),
    group: t(row.urgent ? 'open311-group-urgent' : 'open311-group-city'),
  };
}

/** "Дороги и тротуары" -> "дороги,тротуары": the name's words, without the short ones. */
function keywordsOf(name: string): string {
  const words = name.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [];
  return [...new Set(words)].join(',');
}
