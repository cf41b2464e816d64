import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DistrictLocator } from '../../core/geo/district-locator.ts';
import { checkAddress, checkDescription } from '../../core/reports/rules.ts';
import { clientOf, requireApiKey } from './api-key.ts';
import { badRequest, errorResponses } from './errors.ts';
import type { NewServiceRequest } from './file-request.ts';
import { fileServiceRequest } from './file-request.ts';
import { translateFor } from './locale.ts';
import type { Open311Options } from './options.ts';
import { type FilingBody, filingBody } from './request-body.ts';

/** Stricter than the chat's rule: an API client sends the words at once, with no dialogue. */
const MIN_DESCRIPTION_CHARACTERS = 10;

const filedSchema = z.array(
  z.object({
    service_request_id: z.string(),
    service_notice: z.string(),
    account_id: z.null(),
  }),
);

/** POST requests.json: a client with an api_key files a report, routed like any other. */
export const filingRoutes: FastifyPluginAsyncZod<Open311Options> = async (app, options) => {
  const { prisma } = options;
  const now = options.now ?? (() => new Date());

  app.post(
    '/requests.json',
    {
      schema: {
        tags: ['open311'],
        summary: 'Open311: file a service request (form-urlencoded or JSON)',
        description:
          'Needs `api_key`. `lat` and `long` (inside the city) or `address_string`. ' +
          'Personal fields (email, names, phone, device_id, account_id) are never stored.',
        security: [],
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: filingBody,
        response: { 200: filedSchema, ...errorResponses },
      },
      preValidation: requireApiKey(prisma),
    },
    async (request) => {
      const client = clientOf(request);
      const filing = await validFiling(prisma, options.districts, request.body);
      // LIMITATION: unlike the chat, a client is not offered an open report of the same
      // category nearby to join; core/reports/nearby.ts could answer it with a 409 and its id.
      const filed = await fileServiceRequest(prisma, client.tokenId, filing, now());
      options.onJobsQueued?.();
      request.log.info({ report: filed.number, client: client.tokenId }, 'open311 request filed');
      const t = translateFor(request);
      return [
        {
          service_request_id: String(filed.number),
          service_notice: t('open311-notice-filed', { number: filed.number }),
          // We keep no accounts of a client's users.
          account_id: null,
        },
      ];
    },
  );
};

/** The body checked against the rules every channel meets; a refusal says what to fix. */
async function validFiling(
  prisma: Open311Options['prisma'],
  districts: DistrictLocator,
  body: FilingBody,
): Promise<NewServiceRequest> {
  const category = await prisma.category.findUnique({
    where: { code: body.service_code },
    select: { code: true },
  });
  if (!category) throw badRequest(`service_code "${body.service_code}" is not one of our services`);
  return {
    categoryCode: category.code,
    description: descriptionOf(body.description),
    ...placeOf(districts, body),
  };
}

function descriptionOf(raw: string): string {
  const checked = checkDescription(raw);
  if (!checked.ok || checked.text.length < MIN_DESCRIPTION_CHARACTERS) {
    throw badRequest(
      `description must say what is wrong: at least ${MIN_DESCRIPTION_CHARACTERS} characters ` +
        'and two words',
    );
  }
  return checked.text;
}

function placeOf(districts: DistrictLocator, body: FilingBody) {
  const address = body.address_string === undefined ? undefined : addressOf(body.address_string);
  if (body.lat === undefined && body.long === undefined) {
    if (!address) throw badRequest('lat and long, or address_string, are required');
    // A typed address has no district: routing sends it to the dispatcher, as from the chat.
    return { address };
  }
  if (body.lat === undefined || body.long === undefined) {
    throw badRequest('lat and long go together');
  }
  const point = { latitude: body.lat, longitude: body.long };
  const district = districts.locate(point);
  if (!district) throw badRequest('The location is outside the city we serve');
  return { point, districtId: district.id, ...(address ? { address } : {}) };
}

function addressOf(raw: string): string {
  const checked = checkAddress(raw);
  if (!checked.ok) throw badRequest('address_string must be a street address of 5-300 characters');
  return checked.text;
}
