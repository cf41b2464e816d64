import type { Update } from 'grammy/types';
import { expect } from 'vitest';
import { label } from '../../bots/vk/keyboards.ts';
import { type FakeTelegramApi, startFakeTelegramApi } from '../fakes/telegram-api.ts';
import { callbackQuery } from '../fakes/telegram-updates.ts';
import { type FakeVkApi, startFakeVkApi } from '../fakes/vk-api.ts';
import { messageEvent, messageNew, type VkEvent } from '../fakes/vk-events.ts';
import type { TestDatabase } from './database.ts';
import { ServiceUnderTest } from './service-under-test.ts';
import { telegramButton, telegramTexts, waitForTelegramUpdates } from './telegram-chats.ts';

export type VkMode = 'callback' | 'polling';
export const VK_SECRET = 'vkSecret123';

/**
 * The whole service with the VK bot (and a Telegram bot on long polling, for officials)
 * against fake VK and Bot APIs on loopback and a real database: events arrive by Callback API
 * POSTs or by Bots Long Poll, as configured.
 */
export class VkHarness {
  private readonly sentEventIds: string[] = [];
  private readonly underTest: ServiceUnderTest;

  private constructor(
    readonly vk: FakeVkApi,
    readonly telegram: FakeTelegramApi,
    readonly db: TestDatabase,
    readonly mode: VkMode,
  ) {
    const callback = { VK_CALLBACK_SECRET: VK_SECRET, VK_CONFIRMATION_CODE: vk.confirmationCode };
    const settings = {
      VK_GROUP_TOKEN: vk.token,
      VK_GROUP_ID: String(vk.groupId),
      VK_API_BASE_URL: vk.apiBaseUrl,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ...(mode === 'callback' ? callback : {}),
    };
    this.underTest = new ServiceUnderTest(db, settings, telegram.botInfo);
  }

  static async start(db: TestDatabase, mode: VkMode): Promise<VkHarness> {
    const harness = new VkHarness(await startFakeVkApi(), await startFakeTelegramApi(), db, mode);
    await harness.boot();
    return harness;
  }

  get logLines(): string[] {
    return this.underTest.logLines;
  }

  boot(): Promise<void> {
    return this.underTest.boot();
  }

  shutdown(): Promise<void> {
    return this.underTest.shutdown();
  }

  async close(): Promise<void> {
    await this.underTest.close();
    await this.vk.close();
    await this.telegram.close();
  }

  get callbackUrl(): string {
    return `${this.baseUrl}/vk/callback`;
  }

  /** The running service's HTTP root on loopback (the admin API is under /api/v1). */
  get baseUrl(): string {
    return this.underTest.baseUrl;
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
    await this.underTest.service?.vk?.idle();
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
    await waitForTelegramUpdates(
      this.db,
      updates.map((update) => String(update.update_id)),
    );
    await this.underTest.service?.telegram?.idle();
  }

  /** Presses a Telegram inline button under the latest message to the chat offering it. */
  async telegramPress(chatId: number, buttonLabel: string): Promise<void> {
    const button = telegramButton(this.telegram, chatId, buttonLabel);
    await this.telegramSendAll(callbackQuery(chatId, button.callbackData, button.messageId));
  }

  telegramTexts(chatId: number): string[] {
    return telegramTexts(this.telegram, chatId);
  }

  texts(peerId: number): string[] {
    return this.vk.sentMessages(peerId).map((sent) => sent.text);
  }

  lastText(peerId: number): string {
    return this.texts(peerId).at(-1) ?? '';
  }
}

function buttonsOf(keyboard: unknown): Array<{ label?: string; payload?: string }> {
  const rows = (keyboard as { buttons?: Array<Array<{ action: Record<string, string> }>> })
    ?.buttons;
  return rows ? rows.flat().map((button) => button.action) : [];
}
