import type { FastifyRequest } from 'fastify';

/**
 * How requests appear in the log: without the query string, which can hold what residents
 * wrote (an address searched in the admin API) or what a careless Open311 client put there
 * (its api_key, its user's e-mail and phone).
 */
export function requestWithoutQuery(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.url.split('?')[0],
    host: request.host,
    remoteAddress: request.ip,
  };
}
