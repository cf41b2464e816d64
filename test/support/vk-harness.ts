import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { InlineKeyboardMarkup, Update } from 'grammy/types';
import { expect } from 'vitest';
import { createService, type Service } from '../../app/service.ts';
import { label } from '../../bots/vk/keyboards.ts';
import { parseConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { type FakeTelegramApi, startFakeTelegramApi } from '../fakes/telegram-api.ts';
import { callbackQuery } from '../fakes/telegram-updates.ts';
import { type FakeVkApi, startFakeVkApi } from '../fakes/vk-api.ts';
import { messageEvent, messageNew, type VkEvent } from '../fakes/vk-events.ts';
import type { TestDatabase } from './database.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from './redis.ts';

export type VkMode = 'callback' | 'polling';
export const VK_SECRET = 'vkSecret123';

/**
 * The whole service with the VK bot (and a Telegram bot on long polling, for officials)
 * against fake VK and Bot APIs on loopback and a real database: events arrive by Callback API
 * POSTs or by Bots Long Poll, as configured.
 */
export class VkHarness {
  readonly logLines: string[] = [];
  private service: Service | undefined;
  private readonly sentEventIds: string[] = [];
  private readonly redisPrefix = testRedisPrefix();
  private readonly mediaDir = mkdtempSync(join(tmpdir(), 'oneclick-media-'));

  private constructor(
    readonly vk: FakeVkApi,
    readonly telegram: FakeTelegramApi,
    readonly db: TestDatabase,
    readonly mode: VkMode,
  ) {}

  static async start(db: TestDatabase, mode: VkMode): Promise<VkHarness> {
    const harness = new VkHarness(await startFakeVkApi(), await startFakeTelegramApi(), db, mode);
    await harness.boot();
    return harness;
  }

  async boot(): Promise<void> {
    const config = parseConfig({
      DATABASE_URL: this.db.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: this.redisPrefix,
      MEDIA_DIR: this.mediaDir,
      PORT: '0',
      ROLES: 'api,bots,worker',
      VK_GROUP_TOKEN: this.vk.token,
      VK_GROUP_ID: String(this.vk.groupId),
      VK_API_BASE_URL: this.vk.apiBaseUrl,
      TELEGRAM_BOT_TOKEN: this.telegram.token,
      TELEGRAM_API_ROOT: this.telegram.apiRoot,
      LOG_LEVEL: 'debug',
      ...(this.mode === 'callback'
        ? { VK_CALLBACK_SECRET: VK_SECRET, VK_CONFIRMATION_CODE: this.vk.confirmationCode }
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
      telegramBotInfo: this.telegram.botInfo,
    });
    await this.service.start();
  }

  async shutdown(): Promise<void> {
    await this.service?.stop();
    this.service = undefined;
  }

  async close(): Promise<void> {
    await this.shutdown();
    await this.vk.close();
    await this.telegram.close();
    await clearRedisPrefix(this.redisPrefix);
    rmSync(this.mediaDir, { recursive: true, force: true });
  }

  get callbackUrl(): string {
    return `${this.baseUrl}/vk/callback`;
  }

  /** The running service's HTTP root on loopback (the admin API is under /api/v1). */
  get baseUrl(): string {
    const address = this.service?.server?.server.address() as AddressInfo | null;
    if (!address) throw new Error('The service is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Delivers an event the configured way; a callback must be answered "ok". */
  async send(event: VkEvent): Promise<void> {
    if (event.event_id) this.sentEventIds.push(event.event_id);
    if (this.mode === 'polling') {
      this.vk.enqueueEvent(event);
      return;
    }
    const delivery = await this.vk.deliverCallback(event, {
      url: this.callbackUrl,
      secret: VK_SECRET,
    });
    expect(delivery).toMatchObject({ status: 200, body: 'ok' });
  }

  async sendAll(...events: VkEvent[]): Promise<void> {
    for (const event of events) await this.send(event);
    await this.settle();
  }

  /** Resolves when every event sent so far is recorded, processed and answered. */
  async settle(): Promise<void> {
    const ids = [...new Set(this.sentEventIds)];
    await expect
      .poll(
        async () => {
          const rows = await this.db.prisma.inboundUpdate.findMany({
            where: { channel: 'vk', OR: ids.map((id) => ({ updateId: { startsWith: id } })) },
            select: { updateId: true, processedAt: true },
          });
          const seen = new Set(rows.map((row) => row.updateId.split('#')[0]));
          return ids.every((id) => seen.has(id)) && rows.every((row) => row.processedAt !== null);
        },
        { timeout: 15_000, interval: 20 },
      )
      .toBe(true);
    await this.service?.vk?.idle();
  }

  /** Types a message, as a text button of the reply keyboard also does. */
  text(peerId: number, text: string): Promise<void> {
    return this.sendAll(messageNew(peerId, { text }));
  }

  /** Presses the callback button with this label under the latest message offering it. */
  async press(peerId: number, buttonLabel: string): Promise<VkEvent> {
    const wanted = label(buttonLabel);
    const offered = [...this.vk.sentMessages(peerId)]
      .reverse()
      .find((sent) => buttonsOf(sent.keyboard).some((button) => button.label === wanted));
    const button = offered && buttonsOf(offered.keyboard).find((b) => b.label === wanted);
    if (!offered || !button?.payload) throw new Error(`No button "${buttonLabel}" for ${peerId}`);
    const event = messageEvent(peerId, JSON.parse(button.payload), offered.conversationMessageId);
    await this.sendAll(event);
    return event;
  }

  /** A Telegram update (an official's), by the bot's long polling; waits until handled. */
  async telegramSendAll(...updates: Update[]): Promise<void> {
    for (const update of updates) this.telegram.enqueueUpdate(update);
    const ids = updates.map((update) => String(update.update_id));
    await expect
      .poll(
        () =>
          this.db.prisma.inboundUpdate.count({
            where: { channel: 'telegram', updateId: { in: ids }, processedAt: { not: null } },
          }),
        { timeout: 15_000, interval: 20 },
      )
      .toBe(ids.length);
    await this.service?.telegram?.idle();
  }

  /** Presses a Telegram inline button under the latest message to the chat offering it. */
  async telegramPress(chatId: number, buttonLabel: string): Promise<void> {
    const offered = [...this.telegram.sentMessages(chatId)]
      .reverse()
      .find((sent) =>
        telegramButtons(sent.replyMarkup).some((button) => button.text === buttonLabel),
      );
    const button =
      offered && telegramButtons(offered.replyMarkup).find((b) => b.text === buttonLabel);
    if (!offered || !button?.callback_data)
      throw new Error(`No button "${buttonLabel}" in ${chatId}`);
    await this.telegramSendAll(callbackQuery(chatId, button.callback_data, offered.messageId));
  }

  telegramTexts(chatId: number): string[] {
    return this.telegram.sentMessages(chatId).map((sent) => sent.text ?? sent.caption ?? '');
  }

  texts(peerId: number): string[] {
    return this.vk.sentMessages(peerId).map((sent) => sent.text);
  }

  lastText(peerId: number): string {
    return this.texts(peerId).at(-1) ?? '';
  }
}

function telegramButtons(markup: unknown): Array<{ text: string; callback_data?: string }> {
  const keyboard = (markup as InlineKeyboardMarkup | undefined)?.inline_keyboard;
  return keyboard ? keyboard.flat().map((b) => b as { text: string; callback_data?: string }) : [];
}

function buttonsOf(keyboard: unknown): Array<{ label?: string; payload?: string }> {
  const rows = (keyboard as { buttons?: Array<Array<{ action: Record<string, string> }>> })
    ?.buttons;
  return rows ? rows.flat().map((button) => button.action) : [];
}
