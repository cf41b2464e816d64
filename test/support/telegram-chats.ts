import type { InlineKeyboardMarkup } from 'grammy/types';
import { expect } from 'vitest';
import type { FakeTelegramApi } from '../fakes/telegram-api.ts';
import type { TestDatabase } from './database.ts';

/** Waits until the service has processed these Telegram updates (by their update ids). */
export async function waitForTelegramUpdates(db: TestDatabase, ids: string[]): Promise<void> {
  await expect
    .poll(
      () =>
        db.prisma.inboundUpdate.count({
          where: { channel: 'telegram', updateId: { in: ids }, processedAt: { not: null } },
        }),
      { timeout: 15_000, interval: 20 },
    )
    .toBe(new Set(ids).size);
}

/** The inline button with this label under the latest message to the chat offering it. */
export function telegramButton(
  api: FakeTelegramApi,
  chatId: number,
  label: string,
): { callbackData: string; messageId: number } {
  const offered = [...api.sentMessages(chatId)]
    .reverse()
    .find((sent) => inlineButtons(sent.replyMarkup).some((button) => button.text === label));
  const button = offered && inlineButtons(offered.replyMarkup).find((b) => b.text === label);
  if (!offered || !button?.callback_data) throw new Error(`No button "${label}" in ${chatId}`);
  return { callbackData: button.callback_data, messageId: offered.messageId };
}

/** Every text the bot sent to a Telegram chat, in order. */
export function telegramTexts(api: FakeTelegramApi, chatId: number): string[] {
  return api.sentMessages(chatId).map((sent) => sent.text ?? sent.caption ?? '');
}

function inlineButtons(markup: unknown): Array<{ text: string; callback_data?: string }> {
  const keyboard = (markup as InlineKeyboardMarkup | undefined)?.inline_keyboard;
  return keyboard
    ? keyboard.flat().map((button) => button as { text: string; callback_data?: string })
    : [];
}
