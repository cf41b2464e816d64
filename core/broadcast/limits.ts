import type { BroadcastChannel } from './send-jobs.ts';

/** Sends started per window on one platform queue, counted across every worker. */
export interface QueueRate {
  max: number;
  durationMs: number;
}

/**
 * How fast broadcasts go on each platform.
 *
 * Telegram allows about 30 messages a second overall, over any second. BullMQ's limiter counts
 * in fixed windows that open with their first job, so "30 per second" lets one window's slow
 * last sends and the next window's first burst fall into the same second: measured with 30
 * per 1,050 ms, 1,500 followers met 50 429s. One send per 35 ms spaces the sends evenly
 * instead (a ceiling of 28.6 a second): any second holds at most 29 of them, leaving one for
 * the network's jitter. bench/broadcast.ts saw no 429 in 30,000 sends, at 26 to 28 requests
 * a second (87% of the limit on a busy machine, 92% on an idle one).
 *
 * VK lets a community token make 20 requests a second, which the bot's replies and notices
 * share with broadcasts; one send per 70 ms (about 14 a second) leaves them the rest.
 */
export const DEFAULT_RATES: Record<BroadcastChannel, QueueRate> = {
  telegram: { max: 1, durationMs: 35 },
  vk: { max: 1, durationMs: 70 },
};

/**
 * Sends in flight per worker: enough to keep up with the rate over a slow network (at 30 a
 * second, each send may take a quarter of a second), few enough that a worker killed mid-send
 * leaves only a handful of Telegram recipients uncertain.
 */
export const DEFAULT_CONCURRENCY = 8;
