import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY } from '../../core/broadcast/limits.ts';
import { publishUpdate } from '../../core/broadcast/publish.ts';
import { redisOptions } from '../../core/jobs/connection.ts';
import { JOBS, QUEUES } from '../../core/jobs/queues.ts';
import { type FakeTelegramApi, startFakeTelegramApi } from '../fakes/telegram-api.ts';
import { type FakeVkApi, startFakeVkApi } from '../fakes/vk-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';
import { countBy, waitUntil } from './broadcast-harness.ts';
import type { WorkerProcessConfig } from './broadcast-worker-process.ts';
import { addFollowers, chatRange } from './followers.ts';

const WORKER_SCRIPT = fileURLToPath(new URL('./broadcast-worker-process.ts', import.meta.url));
const TELEGRAM_CHATS = chatRange(810_001, 100);
const BLOCKED_CHATS = TELEGRAM_CHATS.filter((_, index) => index % 10 === 7);
const VK_PEERS = chatRange(820_001, 40);
const BLOCKED_PEERS = VK_PEERS.filter((_, index) => index % 10 === 7);
/** Slow answers keep sends in flight, so the kill catches some mid-way. */
const ANSWER_DELAY_MS = 250;

let db: TestDatabase;
let telegram: FakeTelegramApi;
let vk: FakeVkApi;
const prefix = testRedisPrefix();
const workers: ChildProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  telegram = await startFakeTelegramApi({ enforceLimits: true, blockedChats: BLOCKED_CHATS });
  vk = await startFakeVkApi({ blockedPeers: BLOCKED_PEERS });
  telegram.delayNext('sendMessage', ANSWER_DELAY_MS, 10_000);
  vk.delayNext('messages.send', ANSWER_DELAY_MS, 10_000);
  await addFollowers(db.prisma, {
    channel: 'telegram',
    chatIds: TELEGRAM_CHATS,
    topic: 'hearings',
  });
  await addFollowers(db.prisma, { channel: 'vk', chatIds: VK_PEERS, topic: 'hearings' });
});
afterAll(async () => {
  for (const worker of workers) worker.kill('SIGKILL');
  await telegram?.close();
  await vk?.close();
  await clearRedisPrefix(prefix);
  await db?.drop();
});

/** Starts a broadcast worker process; resolves once its workers run. */
async function startWorker(): Promise<ChildProcess> {
  const config: WorkerProcessConfig = {
    databaseUrl: db.url,
    redisUrl: testRedisUrl(),
    prefix,
    telegram: { token: telegram.token, apiRoot: telegram.apiRoot },
    vk: { token: vk.token, apiBaseUrl: vk.apiBaseUrl },
    lockDurationMs: 2_000,
    stalledIntervalMs: 1_000,
  };
  const worker = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], {
    env: { ...process.env, BROADCAST_TEST_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  workers.push(worker);
  let output = '';
  worker.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitUntil(() => output.includes('ready'), 'the worker process to start', 20_000);
  return worker;
}

/** Publishes, and queues the start job as the outbox relay would. */
async function publish(): Promise<number> {
  const published = await db.prisma.$transaction((tx) =>
    publishUpdate(tx, {
      key: 'hearing:21:opened',
      topic: 'hearings',
      title: 'Слушания по благоустройству сквера',
      messages: {
        ru: { text: 'Открыты слушания по благоустройству сквера' },
        en: { text: 'A hearing on the square’s improvement is open' },
      },
    }),
  );
  const broadcastId = published?.broadcastId ?? -1;
  const queue = new Queue(QUEUES.broadcast, { connection: redisOptions(testRedisUrl()), prefix });
  await queue.add(JOBS.startBroadcast, { broadcastId }, { jobId: `start-${broadcastId}` });
  await queue.close();
  return broadcastId;
}

describe('when the broadcast worker is killed mid-broadcast and another takes over', () => {
  let recipients: Awaited<ReturnType<typeof db.prisma.broadcastRecipient.findMany>>;

  beforeAll(async () => {
    const first = await startWorker();
    const broadcastId = await publish();
    await telegram.waitForCalls('sendMessage', 30, { timeoutMs: 20_000 });
    first.kill('SIGKILL');
    await once(first, 'exit');

    await startWorker();
    const status = async () =>
      (await db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).status;
    await waitUntil(async () => (await status()) === 'done', 'the broadcast to finish', 40_000);
    recipients = await db.prisma.broadcastRecipient.findMany({ where: { broadcastId } });
  }, 90_000);

  it('sends no Telegram chat the message twice', () => {
    const byChat = countBy(telegram.sentMessages().map((message) => message.chatId));
    expect(Math.max(...byChat.values())).toBe(1);
  });

  it('settles every recipient, leaving uncertain no more than the sends in flight', () => {
    const statuses = new Set(recipients.map((recipient) => recipient.status));
    expect([...statuses].every((s) => ['sent', 'unreachable', 'uncertain'].includes(s))).toBe(true);
    const uncertain = recipients.filter((recipient) => recipient.status === 'uncertain');
    expect(uncertain.length).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);
    expect(uncertain.every((recipient) => recipient.channel === 'telegram')).toBe(true);
  });

  it('loses no reachable Telegram chat: each one sent got exactly one message', () => {
    const byChat = countBy(telegram.sentMessages().map((message) => message.chatId));
    const sent = recipients.filter((r) => r.channel === 'telegram' && r.status === 'sent');
    expect(sent.every((recipient) => byChat.get(Number(recipient.chatId)) === 1)).toBe(true);
    const unreachable = recipients.filter((r) => r.status === 'unreachable');
    const blocked = new Set([...BLOCKED_CHATS, ...BLOCKED_PEERS].map(String));
    expect(unreachable.every((recipient) => blocked.has(recipient.chatId))).toBe(true);
  });

  it('delivers to every VK follower exactly once, resending what was in flight', () => {
    const byPeer = countBy(vk.sentMessages().map((message) => message.peerId));
    for (const peerId of VK_PEERS) {
      expect(byPeer.get(peerId) ?? 0).toBe(BLOCKED_PEERS.includes(peerId) ? 0 : 1);
    }
    const vkRows = recipients.filter((recipient) => recipient.channel === 'vk');
    expect(
      vkRows.every(
        (r) => r.status === (BLOCKED_PEERS.includes(Number(r.chatId)) ? 'unreachable' : 'sent'),
      ),
    ).toBe(true);
  });
});
