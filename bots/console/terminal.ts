import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IncomingContent, InlineButton, Outgoing } from '../../core/conversation/types.ts';

const LOCATION = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;
const IMAGE = /\.(jpe?g|png|webp|heic)$/i;
/** The same limit the messengers put on what a bot may download. */
const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

/**
 * Reads one typed line as a messenger would deliver it: "/cmd" is a command, "lat,lon" a
 * location, a path to an image a photo, a number the inline button with that number.
 */
export function readLine(line: string, buttons: InlineButton[]): IncomingContent {
  const text = line.trim();
  const command = /^\/([a-z0-9_]+)(?:\s+(.*))?$/i.exec(text);
  if (command?.[1])
    return { kind: 'command', command: command[1].toLowerCase(), args: command[2] ?? '' };

  const location = LOCATION.exec(text);
  if (location) {
    return {
      kind: 'location',
      point: { latitude: Number(location[1]), longitude: Number(location[2]) },
    };
  }

  const choice = /^\d{1,2}$/.test(text) ? buttons[Number(text) - 1] : undefined;
  if (choice) return { kind: 'button', payload: choice.payload };

  if (IMAGE.test(text)) return photoFromPath(text);
  return { kind: 'text', text: line };
}

function photoFromPath(path: string): IncomingContent {
  const file = resolve(path);
  if (!existsSync(file) || !statSync(file).isFile()) return { kind: 'text', text: path };
  const size = statSync(file).size;
  if (size > MAX_PHOTO_BYTES) return { kind: 'unsupported', what: 'file_too_large' };
  return { kind: 'photo', photo: { fileId: file, fileSize: size } };
}

/** Renders a reply as terminal text; returns the inline buttons in the numbers shown. */
export function renderReply(messages: Outgoing[]): { text: string; buttons: InlineButton[] } {
  const buttons: InlineButton[] = [];
  const blocks = messages.map((message) => {
    const lines: string[] = [];
    for (const photo of message.photos ?? []) lines.push(`[фото] ${photo}`);
    lines.push(message.text);
    for (const row of message.inline ?? []) {
      const cells = row.map((button) => {
        buttons.push(button);
        return `(${buttons.length}) ${button.label}`;
      });
      lines.push(`  ${cells.join('   ')}`);
    }
    if (Array.isArray(message.keyboard)) {
      const keys = message.keyboard.flat().map((key) => `[${key.label}]`);
      lines.push(`  клавиатура: ${keys.join(' ')}`);
    }
    return lines.join('\n');
  });
  return { text: blocks.join('\n\n'), buttons };
}
