import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InvalidInputError, isInputError } from '../input-errors.ts';

/**
 * Errors as GeoReport v2 sends them: an array of `{ code, description }` with the HTTP status
 * as the code, whatever went wrong. Open311 clients read this shape, not the admin API's.
 */
export class Open311Error extends Error {
  override name = 'Open311Error';

  constructor(
    readonly statusCode: 400 | 403 | 404,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (why: string) => new Open311Error(400, why);

export interface Open311ErrorBody {
  code: number;
  description: string;
}

/** The error boundary of the Open311 routes: 4xx told as they are, 5xx without detail. */
export function sendOpen311Error(
  raised: FastifyError | Open311Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  let error: { statusCode?: number | undefined; message: string } = raised;
  // Input the database cannot hold is the client's mistake, in the spec's shape like any other.
  if (isInputError(error)) error = new InvalidInputError('A value is out of range or malformed');
  const given = error.statusCode ?? 500;
  const status = given >= 400 && given < 600 ? given : 500;
  if (status >= 500) request.log.error({ err: raised }, 'open311 request failed');
  else request.log.info({ status }, 'open311 request refused');
  const description = status >= 500 ? 'Internal server error' : error.message;
  const body: Open311ErrorBody[] = [{ code: status, description }];
  return reply.status(status).send(body);
}

/** The spec's error body, for the OpenAPI document of every Open311 route. */
const errorBody = z.array(z.object({ code: z.number(), description: z.string() }));

export const errorResponses = { 400: errorBody, 403: errorBody, 404: errorBody } as const;
