import type { InlineButton, KeyButton } from '../../core/conversation/types.ts';

/**
 * Our buttons as VK keyboards (JSON in `messages.send`'s `keyboard`). Inline buttons are VK
 * "callback" buttons: pressing one sends a message_event, not a message, so the chat stays
 * clean as in Telegram. Their payload carries ours as {"b": "..."}.
 */
export const VK_LABEL_LIMIT = 40;
/** VK refuses an inline keyboard of more rows (and a payload over 255 characters). */
export const VK_INLINE_ROWS = 6;
export const VK_INLINE_BUTTONS = 10;
export const VK_BUTTONS_PER_ROW = 5;

interface VkButton {
  action: Record<string, string>;
  color?: 'primary' | 'secondary' | 'positive' | 'negative';
}

export interface VkKeyboard {
  one_time?: boolean;
  inline?: boolean;
  buttons: VkButton[][];
}

export function inlineKeyboard(rows: InlineButton[][]): VkKeyboard {
  return {
    inline: true,
    buttons: rows.map((row) =>
      row.slice(0, VK_BUTTONS_PER_ROW).map((button) => ({
        action: {
          type: 'callback',
          label: label(button.label),
          payload: JSON.stringify({ b: button.payload }),
        },
      })),
    ),
  };
}

/**
 * The keyboard under the chat. VK wants a location button alone in its row. VK has no button
 * that shares a phone number, and a text button would send its label as if typed, so a
 * contact button is left out: the flow asks for the number in words there.
 */
export function replyKeyboard(rows: KeyButton[][]): VkKeyboard {
  const buttons: VkButton[][] = [];
  for (const row of rows) {
    const shown = row.filter((button) => !button.requestContact);
    const plain = shown.filter((button) => !button.requestLocation);
    const locations = shown.filter((button) => button.requestLocation);
    for (const _ of locations) buttons.push([{ action: { type: 'location', payload: '{}' } }]);
    if (plain.length > 0) {
      buttons.push(
        plain.slice(0, VK_BUTTONS_PER_ROW).map((button) => ({
          action: { type: 'text', label: label(button.label), payload: '{}' },
          color: 'secondary' as const,
        })),
      );
    }
  }
  return { one_time: false, buttons };
}

/** VK has no "remove keyboard": an empty one-time keyboard takes its place. */
export const REMOVE_KEYBOARD: VkKeyboard = { one_time: true, buttons: [] };

/**
 * Long labels are cut with an ellipsis. A text button sends its label as the message, so the
 * reply keyboard's labels (the menu, back and cancel) are written to fit; inline buttons send
 * their payload, whatever their label.
 */
export function label(text: string): string {
  const chars = [...text];
  return chars.length <= VK_LABEL_LIMIT ? text : `${chars.slice(0, VK_LABEL_LIMIT - 1).join('')}…`;
}
