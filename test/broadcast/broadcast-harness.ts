import { Queue } from 'bullmq';
import pino from 'pino';
import { createTelegramBroadcastSender } from '../../bots/telegram/broadcast-sender.ts';
import { createVkClient } from '../../bots/vk/bot.ts';
import { createVkSender } from '../../bots/vk/sender.ts';
import { type Published, publishUpdate, type Topic } from '../../core/broadcast/publish.ts';
import { PLATFORM_QUEUES } from '../../core/broadcast/send-jobs.ts';
import type { BroadcastWorkerOptions } from '../../core/broadcast/workers.ts';
import type { ChannelSender } from '../../core/delivery/senders.ts';
import { redisOptions } from '../../core/jobs/connection.ts';
import { type JobsRuntime, startJobs } from '../../core/jobs/runtime.ts';
import { loadCityCalendar } from '../../core/routing/city-calendar.ts';
import {
  type FakeTelegramApi,
  type FakeTelegramApiOptions,
  startFakeTelegramApi,
} from '../fakes/telegram-api.ts';
import { type FakeVkApi, type FakeVkApiOptions, startFakeVkApi } from '../fakes/vk-api.ts';
import type { TestDatabase } from '../support/database.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';
import { telegramSendersFor } from '../support/telegram-senders.ts';

export const RUSSIAN_TEXT = 'Субботник в парке в субботу в 10:00';
export const ENGLISH_TEXT = 'A clean-up in the park on Saturday at 10:00';

/**
 * The job side of the service as a worker process runs it, with broadcasts sent to fakes of
 * the Bot API and the VK API on loopback.
 */
export class BroadcastHarness {
  private constructor(
    readonly db: TestDatabase,
    readonly telegram: FakeTelegramApi,
    readonly vk: FakeVkApi,
    readonly prefix: string,
    readonly jobs: JobsRuntime,
  ) {}

  static async start(
    db: TestDatabase,
    options: {
      telegram?: FakeTelegramApiOptions;
      vk?: FakeVkApiOptions;
      broadcast?: BroadcastWorkerOptions;
    } = {},
  ): Promise<BroadcastHarness> {
    const telegram = await startFakeTelegramApi(options.telegram);
    const vk = await startFakeVkApi(options.vk);
    const client = createVkClient(vk.token, vk.apiBaseUrl);
    const vkSender: ChannelSender = createVkSender({ api: client.api, upload: client.upload });
    const prefix = testRedisPrefix();
    const jobs = await startJobs({
      redisUrl: testRedisUrl(),
      prefix,
      prisma: db.prisma,
      log: pino({ level: 'silent' }),
      calendar: await loadCityCalendar(),
      senders: { ...telegramSendersFor(telegram), vk: vkSender },
      broadcastSenders: {
        telegram: createTelegramBroadcastSender({
          token: telegram.token,
          apiRoot: telegram.apiRoot,
        }),
        vk: vkSender,
      },
      runWorkers: true,
      // Outbox rows written elsewhere (the admin API in a test) are relayed soon.
      sweepEveryMs: 200,
      broadcast: { resumeEveryMs: 60_000, ...options.broadcast },
    });
    return new BroadcastHarness(db, telegram, vk, prefix, jobs);
  }

  /** Publishes an update with a text in Russian and English, and relays its start at once. */
  async publish(
    key: string,
    topic: Topic = 'volunteering',
    districtId?: number,
  ): Promise<Published | null> {
    const published = await this.db.prisma.$transaction((db) =>
      publishUpdate(db, {
        key,
        topic,
        districtId: districtId ?? null,
        title: key,
        messages: { ru: { text: RUSSIAN_TEXT }, en: { text: ENGLISH_TEXT } },
      }),
    );
    this.jobs.relay.kick();
    return published;
  }

  /** Resolves once the broadcast is done or cancelled, with its recipients. */
  async finished(broadcastId: number, timeoutMs = 15_000) {
    const { prisma } = this.db;
    const status = async () =>
      (await prisma.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).status;
    await waitUntil(async () => (await status()) !== 'sending', 'the broadcast', timeoutMs);
    return {
      broadcast: await prisma.broadcast.findUniqueOrThrow({ where: { id: broadcastId } }),
      recipients: await prisma.broadcastRecipient.findMany({ where: { broadcastId } }),
    };
  }

  /** Send jobs of a platform's broadcast queue that are still to run. */
  async queuedSends(channel: 'telegram' | 'vk'): Promise<number> {
    const queue = new Queue(PLATFORM_QUEUES[channel], {
      connection: redisOptions(testRedisUrl()),
      prefix: this.prefix,
    });
    try {
      return await queue.getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized');
    } finally {
      await queue.close();
    }
  }

  /** How many messages each chat got on Telegram, by chat id. */
  telegramMessagesByChat(): Map<number, number> {
    return countBy(this.telegram.sentMessages().map((message) => message.chatId));
  }

  /** How many messages each peer got on VK (a repeated random_id is shown once), by peer. */
  vkMessagesByPeer(): Map<number, number> {
    return countBy(this.vk.sentMessages().map((message) => message.peerId));
  }

  async close(): Promise<void> {
    await this.jobs.close();
    await this.telegram.close();
    await this.vk.close();
    await clearRedisPrefix(this.prefix);
  }
}

/** Resolves once `check` answers true; polls, and gives up after `timeoutMs` naming `what`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function countBy(values: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
