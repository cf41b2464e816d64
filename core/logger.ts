import pino, { type Logger } from 'pino';
import { safeError } from './safe-error.ts';

export type { Logger } from 'pino';

/**
 * Paths that may carry tokens or residents' personal data. Code should not log such values at
 * all; this list is the safety net for the places where a whole object slips through.
 */
const REDACTED_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'text',
  '*.text',
  'caption',
  '*.caption',
  'description',
  '*.description',
  'address',
  '*.address',
  'phone',
  '*.phone',
  'phone_number',
  '*.phone_number',
  'fullName',
  '*.fullName',
  'full_name',
  '*.full_name',
  'first_name',
  '*.first_name',
  'last_name',
  '*.last_name',
  'username',
  '*.username',
  'latitude',
  '*.latitude',
  'longitude',
  '*.longitude',
  'payload',
  '*.payload',
];

/** The root logger. Log ids and outcomes, never message texts, names, phones or places. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'one-click' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Errors lose everything but their name, message, code and stack (see safe-error.ts).
    serializers: { err: safeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
