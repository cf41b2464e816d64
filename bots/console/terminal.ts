import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IncomingContent, Outgoing } from '../../core/conversation/types.ts';

/** Something the person can pick by its number: a button under a message or a keyboard key. */
export interface Choice {
  label: string;
  /** A button's payload; a keyboard key has none and is sent as its label's text. */
  payload?: string;
}

const LOCATION = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/;
const IMAGE = /\.(jpe?g|png|webp|heic)$/i;
/** The same limit the messengers put on what a bot may download. */
const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

/**
 * Reads one typed line as a messenger would deliver it: "/cmd" is a command, "lat,lon" a
 * location, a path to an image a photo, a number the button or key shown with that number.
 */
export function readLine(line: string, choices: Choice[]): IncomingContent {
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

  const choice = /^\d{1,2}$/.test(text) ? choices[Number(text) - 1] : undefined;
  if (choice?.payload !== undefined) return { kind: 'button', payload: choice.payload };
  if (choice) return { kind: 'text', text: choice.label };

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

/**
 * Renders a reply as terminal text. Buttons and keyboard keys are numbered; the keyboard stays
 * (as in a messenger) until a reply brings another, so its numbers are returned separately.
 */
export function renderReply(
  messages: Outgoing[],
  keyboard: Choice[] = [],
): { text: string; choices: Choice[]; keyboard: Choice[] } {
  const buttons: Choice[] = messages.flatMap((message) =>
    (message.inline ?? [])
      .flat()
      .map((button) => ({ label: button.label, payload: button.payload })),
  );
  const replaced = [...messages].reverse().find((message) => message.keyboard !== undefined);
  const keys: Choice[] = !replaced
    ? keyboard
    : replaced.keyboard === 'remove'
      ? []
      : (replaced.keyboard ?? []).flat().map((key) => ({ label: key.label }));

  let number = 0;
  const blocks = messages.map((message) => {
    const lines = [...(message.photos ?? []).map((photo) => `[фото] ${photo}`), message.text];
    for (const row of message.inline ?? []) {
      lines.push(`  ${row.map((button) => `(${++number}) ${button.label}`).join('   ')}`);
    }
    return lines.join('\n');
  });
  if (keys.length > 0) {
    const shown = keys.map((key, index) => `[${buttons.length + index + 1}] ${key.label}`);
    blocks.push(`  клавиатура: ${shown.join('  ')}`);
  }
  return { text: blocks.join('\n\n'), choices: [...buttons, ...keys], keyboard: keys };
}
