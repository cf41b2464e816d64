import type { MessageEntity } from 'grammy/types';
import { BotApiError, badRequest, TELEGRAM_ERRORS } from './telegram-api-errors.ts';
import { type FormattedText, parseHtml } from './telegram-html.ts';
import { parseMarkdown, parseMarkdownV2 } from './telegram-markdown.ts';

/** Telegram's limits, in UTF-16 code units of the text after entity parsing. */
export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

/**
 * Turns text as sent (with parse_mode or explicit entities) into what the resident sees,
 * trimmed of surrounding whitespace as Telegram trims it.
 */
export function formatText(
  raw: string,
  parseMode: string | undefined,
  explicitEntities: unknown,
): FormattedText {
  const parsed = parse(raw, parseMode, explicitEntities);
  return trim(parsed);
}

function parse(raw: string, parseMode: string | undefined, entities: unknown): FormattedText {
  switch (parseMode?.toLowerCase()) {
    case undefined:
    case '':
      // LIMITATION: without parse_mode Telegram also detects URLs, mentions and commands;
      // the fake echoes only explicit entities. Detecting them here would lift it.
      return { text: raw, entities: Array.isArray(entities) ? (entities as MessageEntity[]) : [] };
    case 'html':
      return parseHtml(raw);
    case 'markdownv2':
      return parseMarkdownV2(raw);
    case 'markdown':
      return parseMarkdown(raw);
    default:
      throw badRequest('unsupported parse_mode');
  }
}

function trim({ text, entities }: FormattedText): FormattedText {
  const trimmed = text.trim();
  if (trimmed.length === text.length) return { text, entities };
  const lead = text.length - text.trimStart().length;
  const shifted = entities.flatMap((entity) => {
    const start = Math.max(entity.offset - lead, 0);
    const end = Math.min(entity.offset + entity.length - lead, trimmed.length);
    return end > start ? [{ ...entity, offset: start, length: end - start }] : [];
  });
  return { text: trimmed, entities: shifted };
}

/** Text of a message: required, at most 4096 after parsing. */
export function messageText(
  raw: string | undefined,
  parseMode: string | undefined,
  entities: unknown,
): FormattedText {
  const formatted = formatText(raw ?? '', parseMode, entities);
  if (formatted.text.length === 0) throw new BotApiError(400, TELEGRAM_ERRORS.textEmpty);
  if (formatted.text.length > MAX_TEXT_LENGTH) {
    throw new BotApiError(400, TELEGRAM_ERRORS.textTooLong);
  }
  return formatted;
}

/** Caption of a media message: optional, at most 1024 after parsing. */
export function mediaCaption(
  raw: string | undefined,
  parseMode: string | undefined,
  entities: unknown,
): FormattedText | undefined {
  if (raw === undefined) return undefined;
  const formatted = formatText(raw, parseMode, entities);
  if (formatted.text.length > MAX_CAPTION_LENGTH) {
    throw new BotApiError(400, TELEGRAM_ERRORS.captionTooLong);
  }
  return formatted.text.length === 0 ? undefined : formatted;
}
