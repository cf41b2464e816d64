import { Queue } from 'bullmq';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramBroadcastSender } from '../../bots/telegram/broadcast-sender.ts';
import { createVkClient } from '../../bots/vk/bot.ts';
import { createVkSender } from '../../bots/vk/sender.ts';
import { publishUpdate } from '../../core/broadcast/publish.ts';
import { PLATFORM_QUEUES } from '../../core/broadcast/send-jobs.ts';
import { type BroadcastWorkers, startBroadcastWorkers } from '../../core/broadcast/workers.ts';
import type { Senders } from '../../core/delivery/senders.ts';
import { redisOptions } from '../../core/jobs/connection.ts';
import { JOBS, QUEUES } from '../../core/jobs/queues.ts';
import { type FakeTelegramApi, startFakeTelegramApi } from '../fakes/telegram-api.ts';
import { type FakeVkApi, startFakeVkApi } from '../fakes/vk-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';
import { countBy, waitUntil } from './broadcast-harness.ts';
import { addFollowers, chatRange } from './followers.ts';

const TELEGRAM_CHATS = chatRange(840_001, 30);
const VK_PEERS = chatRange(850_001, 10);
const prefix = testRedisPrefix();
const connection = redisOptions(testRedisUrl());

let db: TestDatabase;
let telegram: FakeTelegramApi;
let vk: FakeVkApi;
let senders: Senders;

beforeAll(async () => {
  db = await createTestDatabase();
  telegram = await startFakeTelegramApi({ enforceLimits: true });
  vk = await startFakeVkApi();
  const client = createVkClient(vk.token, vk.apiBaseUrl);
  senders = {
    telegram: createTelegramBroadcastSender({ token: telegram.token, apiRoot: telegram.apiRoot }),
    vk: createVkSender({ api: client.api, upload: client.upload }),
  };
  await addFollowers(db.prisma, {
    channel: 'telegram',
    chatIds: TELEGRAM_CHATS,
    topic: 'hearings',
  });
  await addFollowers(db.prisma, { channel: 'vk', chatIds: VK_PEERS, topic: 'hearings' });
});
afterAll(async () => {
  await telegram?.close();
  await vk?.close();
  await clearRedisPrefix(prefix);
  await db?.drop();
});

function workersWith(sendTo: Senders): Promise<BroadcastWorkers> {
  return startBroadcastWorkers({
    prefix,
    prisma: db.prisma,
    log: pino({ level: 'silent' }),
    producer: redisOptions(testRedisUrl(), { maxRetriesPerRequest: 1 }),
    consumer: redisOptions(testRedisUrl(), { maxRetriesPerRequest: null }),
    senders: sendTo,
    resumeEveryMs: 60_000,
  });
}

function queued(channel: 'telegram' | 'vk'): Queue {
  return new Queue(PLATFORM_QUEUES[channel], { connection, prefix });
}

describe('when Redis loses the send jobs of a broadcast in progress', () => {
  let broadcastId: number;
  let leftSending: { telegram: string; vk: string };

  beforeAll(async () => {
    const published = await db.prisma.$transaction((tx) =>
      publishUpdate(tx, {
        key: 'hearing:30:opened',
        topic: 'hearings',
        title: 'Слушания',
        messages: { ru: { text: 'Открыты слушания' }, en: { text: 'A hearing is open' } },
      }),
    );
    broadcastId = published?.broadcastId ?? -1;

    // A process with no senders turns the broadcast into jobs, which Redis then loses.
    const starter = await workersWith({});
    const control = new Queue(QUEUES.broadcast, { connection, prefix });
    await control.add(JOBS.startBroadcast, { broadcastId });
    const telegramQueue = queued('telegram');
    const vkQueue = queued('vk');
    await waitUntil(
      async () => (await telegramQueue.count()) + (await vkQueue.count()) === 40,
      'the start job to queue every send',
    );
    await starter.close();
    for (const queue of [telegramQueue, vkQueue, control]) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    // And two workers had died mid-send, one on each platform.
    leftSending = { telegram: String(TELEGRAM_CHATS[0]), vk: String(VK_PEERS[0]) };
    await db.prisma.broadcastRecipient.updateMany({
      where: { broadcastId, chatId: { in: Object.values(leftSending) } },
      data: { status: 'sending', attempts: 1 },
    });

    // A worker that starts now sweeps for what is missing.
    const resumed = await workersWith(senders);
    const status = async () =>
      (await db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).status;
    await waitUntil(async () => (await status()) === 'done', 'the resumed broadcast', 20_000);
    await resumed.close();
  }, 40_000);

  it('sends every pending recipient once', async () => {
    const byChat = countBy(telegram.sentMessages().map((message) => message.chatId));
    const byPeer = countBy(vk.sentMessages().map((message) => message.peerId));
    for (const chatId of TELEGRAM_CHATS.slice(1)) expect(byChat.get(chatId)).toBe(1);
    for (const peerId of VK_PEERS) expect(byPeer.get(peerId)).toBe(1);
  });

  it('gives up a Telegram send left mid-way, and sends the VK one again', async () => {
    const rows = await db.prisma.broadcastRecipient.findMany({
      where: { broadcastId, chatId: { in: Object.values(leftSending) } },
    });
    const statusOf = (chatId: string) => rows.find((row) => row.chatId === chatId)?.status;
    expect(statusOf(leftSending.telegram)).toBe('uncertain');
    expect(telegram.sentMessages(Number(leftSending.telegram))).toHaveLength(0);
    expect(statusOf(leftSending.vk)).toBe('sent');
  });
});
