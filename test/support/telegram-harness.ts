import type { Update } from 'grammy/types';
import { expect } from 'vitest';
import { type FakeTelegramApi, startFakeTelegramApi } from '../fakes/telegram-api.ts';
import { callbackQuery } from '../fakes/telegram-updates.ts';
import type { TestDatabase } from './database.ts';
import { ServiceUnderTest } from './service-under-test.ts';
import { telegramButton, telegramTexts, waitForTelegramUpdates } from './telegram-chats.ts';

export type DeliveryMode = 'webhook' | 'polling';
export const WEBHOOK_SECRET = 'e2e-secret_token';

/**
 * The whole service (API + Telegram bot) against a fake Bot API on loopback and a real
 * database, as Telegram would see it: updates arrive by webhook POSTs or by getUpdates.
 */
export class TelegramHarness {
  private readonly sentUpdateIds: number[] = [];
  private readonly underTest: ServiceUnderTest;

  private constructor(
    readonly api: FakeTelegramApi,
    readonly db: TestDatabase,
    readonly mode: DeliveryMode,
  ) {
    const webhook = {
      // Registered with the fake only; updates are POSTed to the real address below.
      TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1:9/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    };
    const settings = {
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.apiRoot,
      ...(mode === 'webhook' ? webhook : {}),
    };
    this.underTest = new ServiceUnderTest(db, settings, api.botInfo);
  }

  static async start(db: TestDatabase, mode: DeliveryMode): Promise<TelegramHarness> {
    const harness = new TelegramHarness(await startFakeTelegramApi(), db, mode);
    await harness.boot();
    return harness;
  }

  get logLines(): string[] {
    return this.underTest.logLines;
  }

  /** Builds and starts a fresh service process-equivalent on the same database and fake. */
  boot(): Promise<void> {
    return this.underTest.boot();
  }

  /** Stops the service as a restart would: it finishes what it was doing first. */
  shutdown(): Promise<void> {
    return this.underTest.shutdown();
  }

  async close(): Promise<void> {
    await this.underTest.close();
    await this.api.close();
  }

  get webhookUrl(): string {
    return `${this.underTest.baseUrl}/telegram/webhook`;
  }

  /** Delivers an update the way the configured mode does; a webhook must answer 200. */
  async send(update: Update): Promise<void> {
    this.sentUpdateIds.push(update.update_id);
    if (this.mode === 'polling') {
      this.api.enqueueUpdate(update);
      return;
    }
    const delivery = await this.api.deliverWebhook(update, {
      url: this.webhookUrl,
      secret: WEBHOOK_SECRET,
    });
    expect(delivery.status).toBe(200);
  }

  /** Sends updates one by one and waits until the bot has handled all of them. */
  async sendAll(...updates: Update[]): Promise<void> {
    for (const update of updates) await this.send(update);
    await this.settle();
  }

  /** Resolves when every update sent so far is processed and its replies are out. */
  async settle(): Promise<void> {
    await waitForTelegramUpdates(this.db, this.sentUpdateIds.map(String));
    await this.underTest.service?.telegram?.idle();
  }

  /** Presses the inline button with this label under the latest message offering it. */
  async press(chatId: number, label: string): Promise<Update> {
    const button = telegramButton(this.api, chatId, label);
    const update = callbackQuery(chatId, button.callbackData, button.messageId);
    await this.sendAll(update);
    return update;
  }

  /** Every text the bot sent to a chat, in order. */
  texts(chatId: number): string[] {
    return telegramTexts(this.api, chatId);
  }

  lastText(chatId: number): string {
    return this.texts(chatId).at(-1) ?? '';
  }
}
