import type { FastifyRequest } from 'fastify';
import { resolveLocale, type Translate, translator } from '../../core/i18n/index.ts';

/** Texts for people (notices, group names) in the client's language, Russian by default. */
export function translateFor(request: FastifyRequest): Translate {
  const header = request.headers['accept-language'];
  // "en-US,en;q=0.9" -> "en-US": the client's first choice decides.
  const first = header?.split(',')[0]?.split(';')[0]?.trim();
  return translator(resolveLocale(first));
}
