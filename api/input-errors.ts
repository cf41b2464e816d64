import type { FastifyRequest } from 'fastify';

/**
 * Input the database cannot hold must come back as a 400, not a 500. Schemas catch most of
 * it; these two guards catch what slips through any route: a NUL character (PostgreSQL text
 * cannot store one) before validation, and a value out of the database's range after.
 */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
  readonly statusCode = 400;
  readonly code = 'invalid_value';
}

/** PostgreSQL's codes for a value it cannot take: out of range, bad bytes, bad date. */
const INPUT_SQLSTATES = ['22003', '22008', '22021', '22P02', '22007'];

export function rejectNul(request: FastifyRequest): void {
  for (const part of [request.params, request.query, request.body]) {
    if (containsNul(part, 0)) {
      throw new InvalidInputError('Text must not contain the NUL character (\\u0000)');
    }
  }
}

function containsNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(
    ([key, item]) => key.includes('\u0000') || containsNul(item, depth + 1),
  );
}

/** Whether a database error says the input was out of range or malformed. */
export function isInputError(error: unknown): boolean {
  if (!(error instanceof Error) || error.constructor.name !== 'PrismaClientKnownRequestError') {
    return false;
  }
  const { code, message } = error as Error & { code?: string };
  if (code === 'P2020') return true;
  return INPUT_SQLSTATES.some((state) => message.includes(`Code: \`${state}\``));
}
