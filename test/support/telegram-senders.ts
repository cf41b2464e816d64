import { autoRetry } from '@grammyjs/auto-retry';
import { Bot } from 'grammy';
import { createTelegramSender } from '../../bots/telegram/sender.ts';
import type { Senders } from '../../core/delivery/senders.ts';
import type { FakeTelegramApi } from '../fakes/telegram-api.ts';

/** Delivery senders that reach the fake Bot API, retrying 429s as the service does. */
export function telegramSendersFor(telegram: FakeTelegramApi): Senders {
  const bot = new Bot(telegram.token, {
    botInfo: telegram.botInfo,
    client: { apiRoot: telegram.apiRoot },
  });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5 }));
  return { telegram: createTelegramSender(bot.api) };
}
