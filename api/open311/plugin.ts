import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { rejectNul } from '../input-errors.ts';
import { requestWithoutQuery } from '../log-serializers.ts';
import { Open311Error, sendOpen311Error } from './errors.ts';
import { parseFormBody } from './form-body.ts';
import type { Open311Options } from './options.ts';
import { filingRoutes } from './post-request.ts';
import { requestRoutes } from './requests.ts';
import { serviceRoutes } from './services.ts';

/** A filed request is a few fields; anything near this is not one. */
const BODY_LIMIT = 16 * 1024;

/**
 * Open311 GeoReport v2 (JSON only): our categories as services, our reports as service
 * requests, and filing by API clients. Reading needs no key, as the spec has it; filing needs
 * an admin API token. Errors come in the spec's shape, not the admin API's.
 */
export const open311Api: FastifyPluginAsync<Open311Options> = async (app, options) => {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(sendOpen311Error);
  app.addHook('preValidation', async (request) => rejectNul(request));
  app.setNotFoundHandler((request, reply) => {
    const why = /\.xml(\?|$)/.test(request.url)
      ? 'Only the JSON format (.json) is served'
      : `No Open311 resource at ${request.method} ${request.url.split('?')[0]}`;
    return sendOpen311Error(new Open311Error(404, why), request, reply);
  });
  // Open311 clients post forms; JSON is taken as well (Fastify's own parser).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    parseFormBody,
  );
  await app.register(rateLimit, {
    max: options.requestsPerMinute ?? 600,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`Too many requests: try again in ${context.after}`), {
        statusCode: context.statusCode,
      }),
  });
  app.addHook('onRoute', (route) => {
    route.bodyLimit ??= BODY_LIMIT;
    route.logSerializers = { ...route.logSerializers, req: requestWithoutQuery };
  });

  // The plugin's own options carry Fastify's `prefix`; the routes get ours only.
  const deps: Open311Options = {
    prisma: options.prisma,
    districts: options.districts,
    ...(options.onJobsQueued ? { onJobsQueued: options.onJobsQueued } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  await app.register(serviceRoutes, deps);
  await app.register(requestRoutes, deps);
  await app.register(filingRoutes, deps);
};

export type { Open311Options } from './options.ts';
