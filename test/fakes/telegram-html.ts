import type { MessageEntity } from 'grammy/types';
import { type BotApiError, badRequest } from './telegram-api-errors.ts';

/**
 * parse_mode "HTML" as Telegram understands it: a handful of tags, four named character
 * entities plus numeric ones, and an error naming the byte offset of anything else.
 */

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

export function cantParse(why: string): BotApiError {
  return badRequest(`can't parse entities: ${why}`);
}

/** Telegram reports positions as byte offsets into the UTF-8 text. */
export function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index));
}

const TAG_TYPES: Record<string, MessageEntity['type']> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  span: 'spoiler',
  'tg-spoiler': 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface OpenTag {
  name: string;
  start: number;
  attributes: Record<string, string>;
  language?: string;
}

export function parseHtml(source: string): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '<') {
      const end = tagEnd(source, i);
      const inner = source.slice(i + 1, end);
      if (inner.startsWith('/')) closeTag(source, i, inner, stack, text.length, entities);
      else stack.push(openTag(source, i, inner, text.length));
      i = end + 1;
    } else if (c === '&') {
      const decoded = readCharacterEntity(source, i);
      text += decoded.text;
      i = decoded.next;
    } else {
      text += c;
      i += 1;
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined) {
    throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  }
  return { text, entities: entities.sort((a, b) => a.offset - b.offset || b.length - a.length) };
}

function tagEnd(source: string, start: number): number {
  let quote: string | undefined;
  for (let j = start + 1; j < source.length; j += 1) {
    const c = source[j];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return j;
    }
  }
  throw cantParse(`Unclosed start tag at byte offset ${byteOffset(source, start)}`);
}

function openTag(source: string, at: number, inner: string, start: number): OpenTag {
  const name = (/^[a-zA-Z0-9-]*/.exec(inner)?.[0] ?? '').toLowerCase();
  if (TAG_TYPES[name] === undefined) {
    throw cantParse(`Unsupported start tag "${name}" at byte offset ${byteOffset(source, at)}`);
  }
  const attributes = readAttributes(inner.slice(name.length));
  if (name === 'span' && attributes.class !== 'tg-spoiler') {
    throw cantParse(
      `Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(source, at)}`,
    );
  }
  return { name, start, attributes };
}

function readAttributes(rest: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const pattern = /([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const match of rest.matchAll(pattern)) {
    const [, key, double, single, bare] = match;
    if (key !== undefined) attributes[key.toLowerCase()] = decode(double ?? single ?? bare ?? '');
  }
  return attributes;
}

function closeTag(
  source: string,
  at: number,
  inner: string,
  stack: OpenTag[],
  end: number,
  entities: MessageEntity[],
): void {
  const name = inner.slice(1).trim().toLowerCase();
  const open = stack.pop();
  if (open === undefined) {
    throw cantParse(`Unexpected end tag at byte offset ${byteOffset(source, at)}`);
  }
  if (open.name !== name) {
    throw cantParse(
      `Unmatched end tag at byte offset ${byteOffset(source, at)}, ` +
        `expected "</${open.name}>", found "</${name}>"`,
    );
  }
  const parent = stack.at(-1);
  const language = /^language-(.+)$/.exec(open.attributes.class ?? '')?.[1];
  // <pre><code class="language-x"> is one pre entity with a language, not two entities.
  if (open.name === 'code' && parent?.name === 'pre' && language !== undefined) {
    parent.language = language;
    return;
  }
  const entity = toEntity(open, end - open.start);
  if (entity !== undefined) entities.push(entity);
}

function toEntity(open: OpenTag, length: number): MessageEntity | undefined {
  if (length === 0) return undefined;
  const offset = open.start;
  const type = TAG_TYPES[open.name];
  switch (type) {
    case 'text_link': {
      const url = open.attributes.href;
      return url === undefined ? undefined : { type, offset, length, url };
    }
    case 'pre':
      return open.language === undefined
        ? { type, offset, length }
        : { type, offset, length, language: open.language };
    case 'custom_emoji':
      return { type, offset, length, custom_emoji_id: open.attributes['emoji-id'] ?? '' };
    case 'blockquote':
      return 'expandable' in open.attributes
        ? { type: 'expandable_blockquote', offset, length }
        : { type, offset, length };
    case undefined:
      return undefined;
    default:
      return { type, offset, length } as MessageEntity;
  }
}

function readCharacterEntity(source: string, at: number): { text: string; next: number } {
  const match = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/.exec(source.slice(at, at + 12));
  const body = match?.[1];
  if (match === null || body === undefined) return { text: '&', next: at + 1 };
  const next = at + match[0].length;
  if (body.startsWith('#')) {
    const code = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    return code <= 0x10ffff
      ? { text: String.fromCodePoint(code), next }
      : { text: '&', next: at + 1 };
  }
  // Telegram keeps entities it does not know as written.
  const named = NAMED_ENTITIES[body];
  return named === undefined ? { text: match[0], next } : { text: named, next };
}

function decode(value: string): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    if (value[i] === '&') {
      const decoded = readCharacterEntity(value, i);
      out += decoded.text;
      i = decoded.next;
    } else {
      out += value[i];
      i += 1;
    }
  }
  return out;
}
