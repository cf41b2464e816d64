/**
 * Errors as they may be logged. Library errors carry far more than their message: grammY's
 * wrap the whole update (names, texts) and the API client (with the bot token), its API errors
 * the request payload. Only these fields survive, with causes treated the same way.
 */
export interface SafeError {
  type: string;
  message: string;
  stack?: string;
  code?: string | number;
  method?: string;
  cause?: SafeError;
}

const MAX_DEPTH = 3;
const MAX_MESSAGE = 500;

export function safeError(value: unknown, depth = 0): SafeError {
  if (!(value instanceof Error)) return { type: typeof value, message: 'non-error thrown' };
  const error = value as Error & {
    code?: unknown;
    error_code?: unknown;
    method?: unknown;
    error?: unknown;
  };
  const safe: SafeError = {
    type: error.name,
    message: error.message.slice(0, MAX_MESSAGE),
    ...(error.stack ? { stack: error.stack } : {}),
  };
  const code = error.error_code ?? error.code;
  if (typeof code === 'string' || typeof code === 'number') safe.code = code;
  if (typeof error.method === 'string') safe.method = error.method;

  // grammY's BotError keeps the real failure in `error`; others use the standard `cause`.
  const inner = error.error ?? error.cause;
  if (inner !== undefined && depth < MAX_DEPTH) safe.cause = safeError(inner, depth + 1);
  return safe;
}
