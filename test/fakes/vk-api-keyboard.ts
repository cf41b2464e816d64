import { VK_ERRORS, vkError } from './vk-api-errors.ts';

/**
 * Checks a `keyboard` parameter the way VK does and answers error 911 for a bad one. The
 * subset modelled (VK's documented limits):
 * - an object with `buttons` (rows of buttons; an empty list hides the keyboard), optional
 *   boolean `one_time` and `inline`; `one_time` is refused in an inline keyboard;
 * - at most 5 buttons in a row; 10 rows and 40 buttons in a keyboard, 6 rows and 10 buttons
 *   in an inline one;
 * - action types text, callback, location, open_link, vkpay, open_app; text and callback need
 *   a label, open_link a label and an http(s) link, labels at most 40 characters;
 * - `payload` a JSON string of at most 255 characters; `color` (primary, secondary,
 *   negative, positive) on text and callback buttons only;
 * - location, vkpay and open_app buttons take a whole row;
 * - a callback button outside an inline keyboard only for a client known to support it, and
 *   for a client whose client_info the fake saw: only actions it lists, and an inline keyboard
 *   only when it supports them.
 */

export interface VkButtonAction {
  type: string;
  label?: string;
  payload?: string;
  link?: string;
}

export interface VkButton {
  action: VkButtonAction;
  color?: string;
}

export interface VkKeyboard {
  one_time: boolean;
  inline: boolean;
  buttons: VkButton[][];
}

/** What a client told the community it can show (client_info of message_new). */
export interface KeyboardSupport {
  button_actions: readonly string[];
  keyboard: boolean;
  inline_keyboard: boolean;
}

const ACTIONS = new Set(['text', 'callback', 'location', 'open_link', 'vkpay', 'open_app']);
const LABELLED = new Set(['text', 'callback', 'open_link']);
const WIDE = new Set(['location', 'vkpay', 'open_app']);
const COLORS = new Set(['primary', 'secondary', 'negative', 'positive']);
const MAX_LABEL = 40;
const MAX_PAYLOAD = 255;
const MAX_IN_ROW = 5;

export function parseKeyboard(raw: string, client?: KeyboardSupport): VkKeyboard {
  const keyboard = shapeOf(raw);
  checkSize(keyboard);
  for (const row of keyboard.buttons) {
    for (const button of row) checkButton(button, row.length);
  }
  if (client !== undefined) checkClient(keyboard, client);
  else if (!keyboard.inline && actionsOf(keyboard).includes('callback')) throw invalid();
  return keyboard;
}

function invalid(): Error {
  return vkError(VK_ERRORS.keyboardInvalid);
}

function shapeOf(raw: string): VkKeyboard {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid();
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.buttons)) throw invalid();
  const { buttons, one_time = false, inline = false } = parsed;
  if (typeof one_time !== 'boolean' || typeof inline !== 'boolean') throw invalid();
  if (inline && one_time) throw invalid();
  if (!buttons.every((row) => Array.isArray(row) && row.every(isRecord))) throw invalid();
  // Rows of objects; checkButton looks at each one before the keyboard is used.
  return { one_time, inline, buttons: buttons as unknown as VkButton[][] };
}

function checkSize({ inline, buttons }: VkKeyboard): void {
  const total = buttons.reduce((sum, row) => sum + row.length, 0);
  if (buttons.length > (inline ? 6 : 10) || total > (inline ? 10 : 40)) throw invalid();
  if (buttons.some((row) => row.length === 0 || row.length > MAX_IN_ROW)) throw invalid();
}

function checkButton(button: VkButton, rowLength: number): void {
  const { action, color } = button;
  if (!isRecord(action) || typeof action.type !== 'string' || !ACTIONS.has(action.type)) {
    throw invalid();
  }
  const { type, label, payload, link } = action;
  if (LABELLED.has(type) && !isText(label, MAX_LABEL)) throw invalid();
  if (type === 'open_link' && !isHttpLink(link)) throw invalid();
  if (payload !== undefined && !isJsonPayload(payload)) throw invalid();
  if (color !== undefined && (!['text', 'callback'].includes(type) || !COLORS.has(color))) {
    throw invalid();
  }
  if (WIDE.has(type) && rowLength > 1) throw invalid();
}

function checkClient(keyboard: VkKeyboard, client: KeyboardSupport): void {
  if (keyboard.buttons.length === 0) return;
  if (keyboard.inline ? !client.inline_keyboard : !client.keyboard) throw invalid();
  if (actionsOf(keyboard).some((type) => !client.button_actions.includes(type))) throw invalid();
}

function actionsOf(keyboard: VkKeyboard): string[] {
  return keyboard.buttons.flat().map((button) => button.action.type);
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

function isHttpLink(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isJsonPayload(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > MAX_PAYLOAD) return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
