import type { MessageEntity } from 'grammy/types';
import { byteOffset, cantParse, type FormattedText } from './telegram-html.ts';

/**
 * parse_mode "MarkdownV2" and the legacy "Markdown" as Telegram parses them. MarkdownV2 is
 * strict: every reserved character outside markup must be escaped with a backslash, which is
 * the mistake a bot makes most often when it puts a resident's text or an address into it.
 */

const RESERVED = new Set('_*[]()~`>#+-=|{}.!');

type Toggled = 'bold' | 'italic' | 'underline' | 'strikethrough' | 'spoiler';
type Opened = Toggled | 'text_link' | 'custom_emoji';

const ENTITY_NAMES: Record<Opened | 'code' | 'pre', string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  text_link: 'TextUrl',
  custom_emoji: 'CustomEmoji',
  code: 'Code',
  pre: 'Pre',
};

interface Open {
  type: Opened;
  start: number;
  at: number;
}

// LIMITATION: expandable block quotations ("**>" ... "||") are not modelled; a test that needs
// them would add a branch at the start of a line in MarkdownV2Parser.run.
class MarkdownV2Parser {
  private text = '';
  private readonly entities: MessageEntity[] = [];
  private readonly stack: Open[] = [];
  private quoteStart: number | undefined;
  private i = 0;

  constructor(private readonly source: string) {}

  run(): FormattedText {
    const s = this.source;
    while (this.i < s.length) {
      if (this.i === 0 || s[this.i - 1] === '\n') this.lineStart();
      if (this.i < s.length) this.step(s[this.i] ?? '');
    }
    this.closeQuote(this.text.length);
    const open = this.stack.at(-1);
    if (open !== undefined) throw this.unclosed(open.type, open.at);
    return { text: this.text, entities: this.entities.sort((a, b) => a.offset - b.offset) };
  }

  private lineStart(): void {
    if (this.source[this.i] === '>') {
      this.quoteStart ??= this.text.length;
      this.i += 1;
    } else {
      // The quote ended with the previous line; its newline is not part of it.
      this.closeQuote(this.text.length - 1);
    }
  }

  private closeQuote(end: number): void {
    if (this.quoteStart === undefined) return;
    this.add({ type: 'blockquote', offset: this.quoteStart, length: end - this.quoteStart });
    this.quoteStart = undefined;
  }

  private step(c: string): void {
    if (this.markup(c, this.source[this.i + 1])) return;
    if (RESERVED.has(c)) {
      throw cantParse(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    }
    this.text += c;
    this.i += 1;
  }

  /** Handles markup starting at the current character; false when the character is text. */
  private markup(c: string, next: string | undefined): boolean {
    if (c === '\\') this.escape(next);
    else if (c === '*') this.toggle('bold', 1);
    else if (c === '_' && next === '_') this.toggle('underline', 2);
    else if (c === '_') this.toggle('italic', 1);
    else if (c === '~') this.toggle('strikethrough', 1);
    else if (c === '|' && next === '|') this.toggle('spoiler', 2);
    else if (c === '`' && this.source.startsWith('```', this.i)) this.pre();
    else if (c === '`') this.code();
    else if (c === '[') this.push('text_link', 1);
    else if (c === '!' && next === '[') this.push('custom_emoji', 2);
    else if (c === ']' && this.isLinkOpen()) this.closeLink();
    else return false;
    return true;
  }

  private escape(next: string | undefined): void {
    const code = next?.charCodeAt(0) ?? 0;
    if (next !== undefined && code >= 1 && code <= 126) {
      this.text += next;
      this.i += 2;
    } else {
      this.text += '\\';
      this.i += 1;
    }
  }

  private toggle(type: Toggled, width: number): void {
    const top = this.stack.at(-1);
    if (top?.type === type) {
      this.stack.pop();
      this.add({ type, offset: top.start, length: this.text.length - top.start });
      this.i += width;
      return;
    }
    if (this.stack.some((open) => open.type === type) && top !== undefined) {
      throw this.unclosed(top.type, top.at);
    }
    this.push(type, width);
  }

  private push(type: Opened, width: number): void {
    this.stack.push({ type, start: this.text.length, at: this.i });
    this.i += width;
  }

  private isLinkOpen(): boolean {
    const top = this.stack.at(-1)?.type;
    return top === 'text_link' || top === 'custom_emoji';
  }

  private closeLink(): void {
    const open = this.stack.pop();
    if (open === undefined) return;
    if (this.source[this.i + 1] !== '(') throw this.unclosed(open.type, open.at);
    const { value: url, end } = this.readUntil(this.i + 2, ')', open);
    const offset = open.start;
    const length = this.text.length - offset;
    if (open.type === 'custom_emoji') {
      const id = /[?&]id=(\d+)/.exec(url)?.[1] ?? '';
      this.add({ type: 'custom_emoji', offset, length, custom_emoji_id: id });
    } else {
      this.add({ type: 'text_link', offset, length, url });
    }
    this.i = end + 1;
  }

  private code(): void {
    const open = { type: 'code', at: this.i } as const;
    const start = this.text.length;
    const { value, end } = this.readUntil(this.i + 1, '`', open);
    this.text += value;
    this.add({ type: 'code', offset: start, length: value.length });
    this.i = end + 1;
  }

  private pre(): void {
    const s = this.source;
    const at = this.i;
    let from = at + 3;
    const newline = s.indexOf('\n', from);
    const firstLine = newline === -1 ? '' : s.slice(from, newline);
    const language = /^[^\s`\\]+$/.test(firstLine) ? firstLine : undefined;
    if (language !== undefined) from = newline + 1;
    const start = this.text.length;
    const { value, end } = this.readUntil(from, '```', { type: 'pre', at });
    this.text += value;
    this.add(
      language === undefined
        ? { type: 'pre', offset: start, length: value.length }
        : { type: 'pre', offset: start, length: value.length, language },
    );
    this.i = end + 3;
  }

  /** Reads escaped text up to a terminator; inside code, links and pre only `\` escapes. */
  private readUntil(
    from: number,
    terminator: string,
    open: { type: Opened | 'code' | 'pre'; at: number },
  ): { value: string; end: number } {
    const s = this.source;
    let value = '';
    let j = from;
    while (j < s.length && !s.startsWith(terminator, j)) {
      if (s[j] === '\\' && j + 1 < s.length) {
        value += s[j + 1];
        j += 2;
      } else {
        value += s[j];
        j += 1;
      }
    }
    if (j >= s.length) throw this.unclosed(open.type, open.at);
    return { value, end: j };
  }

  private unclosed(type: Opened | 'code' | 'pre', at: number) {
    const where = byteOffset(this.source, at);
    return cantParse(`Can't find end of ${ENTITY_NAMES[type]} entity at byte offset ${where}`);
  }

  private add(entity: MessageEntity): void {
    if (entity.length > 0) this.entities.push(entity);
  }
}

export function parseMarkdownV2(source: string): FormattedText {
  return new MarkdownV2Parser(source).run();
}

const LEGACY_MARKS: Record<string, 'bold' | 'italic'> = { '*': 'bold', _: 'italic' };

/** Legacy Markdown: no nesting, and only _ * ` [ can be escaped, outside entities. */
export function parseMarkdown(source: string): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  let i = 0;
  const endOf = (terminator: string, from: number, at: number): number => {
    const end = source.indexOf(terminator, from);
    if (end === -1) {
      const where = byteOffset(source, at);
      throw cantParse(`Can't find end of the entity starting at byte offset ${where}`);
    }
    return end;
  };
  while (i < source.length) {
    const c = source[i] ?? '';
    const mark = LEGACY_MARKS[c];
    if (c === '\\' && '_*`['.includes(source[i + 1] ?? ' ')) {
      text += source[i + 1];
      i += 2;
    } else if (mark !== undefined || c === '`') {
      const fence = c === '`' && source.startsWith('```', i) ? '```' : c;
      const end = endOf(fence, i + fence.length, i);
      const inner = source.slice(i + fence.length, end);
      const type = mark ?? (fence === '```' ? 'pre' : 'code');
      if (inner.length > 0) entities.push({ type, offset: text.length, length: inner.length });
      text += inner;
      i = end + fence.length;
    } else if (c === '[') {
      const close = endOf(']', i + 1, i);
      const label = source.slice(i + 1, close);
      const hasUrl = source[close + 1] === '(';
      const urlEnd = hasUrl ? endOf(')', close + 2, i) : close;
      if (hasUrl && label.length > 0) {
        const url = source.slice(close + 2, urlEnd);
        entities.push({ type: 'text_link', offset: text.length, length: label.length, url });
      }
      text += label;
      i = urlEnd + 1;
    } else {
      text += c;
      i += 1;
    }
  }
  return { text, entities };
}
