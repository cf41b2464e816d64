import type { FastifyRequest } from 'fastify';

/**
 * application/x-www-form-urlencoded, as Open311 clients post. A field sent twice keeps its
 * last value; the spec's fields are all single.
 */
export function parseFormBody(
  _request: FastifyRequest,
  body: string | Buffer,
  done: (err: Error | null, body?: Record<string, string>) => void,
): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  done(null, Object.fromEntries(new URLSearchParams(text)));
}
