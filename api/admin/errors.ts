/**
 * Errors of the admin API: a status and a stable code a client can act on, and a sentence
 * for people. The server's error handler sends them as `{ error, message }`.
 */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

export const forbidden = (why: string) => new ApiError(403, 'forbidden', why);
