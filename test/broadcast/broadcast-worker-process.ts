/**
 * A broadcast worker on its own, as a separate process the crash test can kill: the broadcast
 * workers of core/jobs, sending to the fakes named in the environment. It prints "ready" once
 * its workers run, and runs until it is killed.
 *
 *   BROADCAST_TEST_CONFIG='{"databaseUrl": ..., "redisUrl": ..., "prefix": ...,
 *     "telegram": {"token", "apiRoot"}, "vk": {"token", "apiBaseUrl"},
 *     "lockDurationMs", "stalledIntervalMs"}' node --import tsx broadcast-worker-process.ts
 */
import pino from 'pino';
import { createTelegramBroadcastSender } from '../../bots/telegram/broadcast-sender.ts';
import { createVkClient } from '../../bots/vk/bot.ts';
import { createVkSender } from '../../bots/vk/sender.ts';
import { startBroadcastWorkers } from '../../core/broadcast/workers.ts';
import { createPrismaClient } from '../../core/db/client.ts';
import { redisOptions } from '../../core/jobs/connection.ts';

export interface WorkerProcessConfig {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  telegram: { token: string; apiRoot: string };
  vk: { token: string; apiBaseUrl: string };
  lockDurationMs: number;
  stalledIntervalMs: number;
}

const config = JSON.parse(process.env.BROADCAST_TEST_CONFIG ?? '') as WorkerProcessConfig;
const vk = createVkClient(config.vk.token, config.vk.apiBaseUrl);

await startBroadcastWorkers({
  prefix: config.prefix,
  prisma: createPrismaClient(config.databaseUrl),
  log: pino({ level: 'silent' }),
  producer: redisOptions(config.redisUrl, { maxRetriesPerRequest: 1 }),
  consumer: redisOptions(config.redisUrl, { maxRetriesPerRequest: null }),
  senders: {
    telegram: createTelegramBroadcastSender(config.telegram),
    vk: createVkSender({ api: vk.api, upload: vk.upload }),
  },
  lockDurationMs: config.lockDurationMs,
  stalledIntervalMs: config.stalledIntervalMs,
});
process.stdout.write('ready\n');
