import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { InlineKeyboardMarkup, Update } from 'grammy/types';
import { expect } from 'vitest';
import { createService, type Service } from '../../app/service.ts';
import { parseConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { type FakeTelegramApi, startFakeTelegramApi } from '../fakes/telegram-api.ts';
import { callbackQuery } from '../fakes/telegram-updates.ts';
import type { TestDatabase } from './database.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from './redis.ts';

export type DeliveryMode = 'webhook' | 'polling';
export const WEBHOOK_SECRET = 'e2e-secret_token';

/**
 * The whole service (API + Telegram bot) against a fake Bot API on loopback and a real
 * database, as Telegram would see it: updates arrive by webhook POSTs or by getUpdates.
 */
export class TelegramHarness {
  readonly logLines: string[] = [];
  private service: Service | undefined;
  private readonly sentUpdateIds: number[] = [];
  private readonly redisPrefix = testRedisPrefix();
  /** Each harness copies report photos into a folder of its own, removed at close. */
  private readonly mediaDir = mkdtempSync(join(tmpdir(), 'oneclick-media-'));

  private constructor(
    readonly api: FakeTelegramApi,
    readonly db: TestDatabase,
    readonly mode: DeliveryMode,
  ) {}

  static async start(db: TestDatabase, mode: DeliveryMode): Promise<TelegramHarness> {
    const harness = new TelegramHarness(await startFakeTelegramApi(), db, mode);
    await harness.boot();
    return harness;
  }

  /** Builds and starts a fresh service process-equivalent on the same database and fake. */
  async boot(): Promise<void> {
    const config = parseConfig({
      DATABASE_URL: this.db.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: this.redisPrefix,
      MEDIA_DIR: this.mediaDir,
      PORT: '0',
      ROLES: 'api,bots,worker',
      TELEGRAM_BOT_TOKEN: this.api.token,
      TELEGRAM_API_ROOT: this.api.apiRoot,
      LOG_LEVEL: 'debug',
      ...(this.mode === 'webhook'
        ? {
            // Registered with the fake only; updates are POSTed to the real address below.
            TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1:9/telegram/webhook',
            TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
          }
        : {}),
    });
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    this.service = await createService(config, {
      log: createLogger(config.LOG_LEVEL, sink),
      telegramBotInfo: this.api.botInfo,
    });
    await this.service.start();
  }

  /** Stops the service as a restart would: it finishes what it was doing first. */
  async shutdown(): Promise<void> {
    await this.service?.stop();
    this.service = undefined;
  }

  async close(): Promise<void> {
    await this.shutdown();
    await this.api.close();
    await clearRedisPrefix(this.redisPrefix);
    rmSync(this.mediaDir, { recursive: true, force: true });
  }

  get webhookUrl(): string {
    const address = this.service?.server?.server.address() as AddressInfo | null;
    if (!address) throw new Error('The service is not listening');
    return `http://127.0.0.1:${address.port}/telegram/webhook`;
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
    const ids = this.sentUpdateIds.map(String);
    await expect
      .poll(
        async () =>
          this.db.prisma.inboundUpdate.count({
            where: { channel: 'telegram', updateId: { in: ids }, processedAt: { not: null } },
          }),
        { timeout: 15_000, interval: 20 },
      )
      .toBe(new Set(ids).size);
    await this.service?.telegram?.idle();
  }

  /** Presses the inline button with this label under the latest message offering it. */
  async press(chatId: number, label: string): Promise<Update> {
    const offered = [...this.api.sentMessages(chatId)]
      .reverse()
      .find((sent) => inlineButtons(sent.replyMarkup).some((button) => button.text === label));
    const button = offered && inlineButtons(offered.replyMarkup).find((b) => b.text === label);
    if (!offered || !button?.callback_data)
      throw new Error(`No button "${label}" in chat ${chatId}`);
    const update = callbackQuery(chatId, button.callback_data, offered.messageId);
    await this.sendAll(update);
    return update;
  }

  /** Every text the bot sent to a chat, in order. */
  texts(chatId: number): string[] {
    return this.api.sentMessages(chatId).map((sent) => sent.text ?? sent.caption ?? '');
  }

  lastText(chatId: number): string {
    return this.texts(chatId).at(-1) ?? '';
  }
}

function inlineButtons(markup: unknown): Array<{ text: string; callback_data?: string }> {
  const keyboard = (markup as InlineKeyboardMarkup | undefined)?.inline_keyboard;
  return keyboard
    ? keyboard.flat().map((button) => button as { text: string; callback_data?: string })
    : [];
}
