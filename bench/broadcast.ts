import { Queue } from 'bullmq';
import pino from 'pino';
import { createTelegramBroadcastSender } from '../bots/telegram/broadcast-sender.ts';
import { DEFAULT_CONCURRENCY, DEFAULT_RATES } from '../core/broadcast/limits.ts';
import { publishUpdate } from '../core/broadcast/publish.ts';
import { startBroadcastWorkers } from '../core/broadcast/workers.ts';
import { redisOptions } from '../core/jobs/connection.ts';
import { JOBS, QUEUES } from '../core/jobs/queues.ts';
import type { RecordedCall } from '../test/fakes/telegram-api.ts';
import { startFakeTelegramApi } from '../test/fakes/telegram-api.ts';
import { OVERALL_PER_SECOND } from '../test/fakes/telegram-rate-limits.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from '../test/support/redis.ts';
import { type BenchDatabase, createBenchDatabase } from './support/bench-database.ts';
import type { Benchmark, BenchmarkResult } from './support/benchmark.ts';

/**
 * One update to every follower of a topic on Telegram, through the real broadcast workers and
 * a fake Bot API that holds them to Telegram's limits (30 messages a second overall, one a
 * second per chat: beyond them a 429 with retry_after) and refuses a tenth of the chats (403,
 * the bot blocked). At the limit, 30,000 followers take about 18 minutes (19 measured);
 * BENCH_BROADCAST_SUBSCRIBERS sets fewer.
 */

const DEFAULT_SUBSCRIBERS = 30_000;
const FIRST_CHAT = 5_000_000;

function subscriberCount(): number {
  const asked = Number(process.env.BENCH_BROADCAST_SUBSCRIBERS ?? DEFAULT_SUBSCRIBERS);
  return Number.isInteger(asked) && asked > 0 ? asked : DEFAULT_SUBSCRIBERS;
}

/** Followers made in two statements: chat ids FIRST_CHAT + 1 on, as private chats. */
async function seedFollowers(db: BenchDatabase, count: number): Promise<void> {
  await db.prisma.$executeRaw`
    INSERT INTO "Resident" (channel, platform_user_id, chat_id, locale, consent_at,
                            consent_version)
    SELECT 'telegram', (${FIRST_CHAT} + g)::text, (${FIRST_CHAT} + g)::text,
           CASE WHEN g % 5 = 0 THEN 'en' ELSE 'ru' END, now(), 'bench'
    FROM generate_series(1, ${count}) AS g`;
  await db.prisma.$executeRaw`
    INSERT INTO "TopicSubscription" (resident_id, topic)
    SELECT id, 'volunteering' FROM "Resident" WHERE consent_version = 'bench'`;
}

async function publish(db: BenchDatabase, prefix: string): Promise<number> {
  const published = await db.prisma.$transaction((tx) =>
    publishUpdate(tx, {
      key: 'bench:volunteering:1',
      topic: 'volunteering',
      title: 'Субботник',
      messages: {
        ru: { text: 'Субботник в парке в субботу в 10:00. Приходите!' },
        en: { text: 'A clean-up in the park on Saturday at 10:00. Come along!' },
      },
    }),
  );
  const broadcastId = published?.broadcastId ?? -1;
  const control = new Queue(QUEUES.broadcast, { connection: redisOptions(testRedisUrl()), prefix });
  await control.add(JOBS.startBroadcast, { broadcastId }, { jobId: `bench-${broadcastId}` });
  await control.close();
  return broadcastId;
}

async function waitUntilFinished(db: BenchDatabase, broadcastId: number): Promise<void> {
  for (;;) {
    const { status } = await db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcastId } });
    if (status !== 'sending') return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The most sends Telegram accepted within any one second. */
function busiestSecond(accepted: readonly RecordedCall[]): number {
  let busiest = 0;
  let start = 0;
  for (let end = 0; end < accepted.length; end += 1) {
    const endAt = accepted[end]?.at ?? 0;
    while ((accepted[start]?.at ?? 0) <= endAt - 1_000) start += 1;
    busiest = Math.max(busiest, end - start + 1);
  }
  return busiest;
}

/** Every tenth follower has blocked the bot. */
function isBlocked(chatId: number): boolean {
  return chatId % 10 === 0;
}

async function run(): Promise<BenchmarkResult> {
  const subscribers = subscriberCount();
  const blocked = Array.from({ length: subscribers }, (_, i) => FIRST_CHAT + i + 1).filter(
    isBlocked,
  );
  const db = await createBenchDatabase();
  const telegram = await startFakeTelegramApi({ enforceLimits: true, blockedChats: blocked });
  const prefix = testRedisPrefix();
  try {
    await seedFollowers(db, subscribers);
    const workers = await startBroadcastWorkers({
      prefix,
      prisma: db.prisma,
      log: pino({ level: 'silent' }),
      producer: redisOptions(testRedisUrl(), { maxRetriesPerRequest: 1 }),
      consumer: redisOptions(testRedisUrl(), { maxRetriesPerRequest: null }),
      senders: {
        telegram: createTelegramBroadcastSender({
          token: telegram.token,
          apiRoot: telegram.apiRoot,
        }),
      },
    });
    const started = performance.now();
    const broadcastId = await publish(db, prefix);
    await waitUntilFinished(db, broadcastId);
    const seconds = (performance.now() - started) / 1000;
    await workers.close();

    const statuses = await db.prisma.broadcastRecipient.groupBy({
      by: ['status'],
      where: { broadcastId },
      _count: { _all: true },
    });
    return report({ subscribers, seconds, telegram, statuses });
  } finally {
    await telegram.close();
    await clearRedisPrefix(prefix);
    await db.drop();
  }
}

function report(measured: {
  subscribers: number;
  seconds: number;
  telegram: Awaited<ReturnType<typeof startFakeTelegramApi>>;
  statuses: Array<{ status: string; _count: { _all: number } }>;
}): BenchmarkResult {
  const { telegram, subscribers } = measured;
  const calls = telegram.calls('sendMessage');
  const accepted = calls.filter((call) => !call.error);
  const refused = (code: number) => calls.filter((call) => call.error?.error_code === code).length;
  const span = ((calls.at(-1)?.at ?? 0) - (calls[0]?.at ?? 0)) / 1000 || 1;
  const perChat = new Map<number, number>();
  for (const message of telegram.sentMessages()) {
    perChat.set(message.chatId, (perChat.get(message.chatId) ?? 0) + 1);
  }
  const duplicates = [...perChat.values()].filter((count) => count > 1).length;
  let losses = 0;
  for (let chatId = FIRST_CHAT + 1; chatId <= FIRST_CHAT + subscribers; chatId += 1) {
    if (!isBlocked(chatId) && !perChat.has(chatId)) losses += 1;
  }
  const count = (status: string) =>
    measured.statuses.find((row) => row.status === status)?._count._all ?? 0;
  const share = (perSecond: number) => `${((perSecond / OVERALL_PER_SECOND) * 100).toFixed(1)}%`;
  const rate = DEFAULT_RATES.telegram;
  const fixed = (n: number) => n.toFixed(1);

  return {
    data:
      `${subscribers} Telegram followers of one topic (every tenth chat has blocked the bot), ` +
      'one update, the fake Bot API enforcing 30 messages/s overall and 1/s per chat',
    table: [
      ['measure', 'value'],
      ['requests/s (all sendMessage calls)', fixed(calls.length / span)],
      ['requests/s as a share of 30/s', share(calls.length / span)],
      ['delivered/s', fixed(accepted.length / span)],
      ['delivered/s as a share of 30/s', share(accepted.length / span)],
      ['busiest second at the fake (accepted)', String(busiestSecond(accepted))],
      ['messages delivered', String(accepted.length)],
      ['duplicates (a chat with 2+ messages)', String(duplicates)],
      ['losses (a reachable chat with none)', String(losses)],
      ['429s seen', String(refused(429))],
      ['403s (blocked chats)', String(refused(403))],
      ['recipients sent / unreachable', `${count('sent')} / ${count('unreachable')}`],
      ['recipients failed / uncertain', `${count('failed')} / ${count('uncertain')}`],
      ['total time, s', fixed(measured.seconds)],
    ],
    notes: [
      `Workers: the real broadcast workers, BullMQ limiter ${rate.max} per ${rate.durationMs} ms ` +
        `on the Telegram queue, ${DEFAULT_CONCURRENCY} sends in flight; a 429 pauses the ` +
        'queue for its retry_after. Set BENCH_BROADCAST_SUBSCRIBERS for a shorter run.',
      'Rates are measured at the fake, from its first sendMessage call to its last.',
    ],
  };
}

export const benchmark: Benchmark = {
  name: 'Broadcast to Telegram followers under Telegram’s limits',
  run,
};
