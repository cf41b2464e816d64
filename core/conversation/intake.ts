import type { Prisma } from '../../generated/prisma/client.ts';
import type { PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { finishInbound, pendingInbound, recordInbound } from './inbox.ts';
import { SerialQueues } from './serial.ts';
import type { Channel } from './types.ts';

export interface UpdateIntake<Payload> {
  /**
   * Records an update and queues it for its chat; resolves once it is safely recorded, so a
   * webhook can answer the platform at once. False for a redelivered update.
   */
  receive(updateId: string, chatKey: string, payload: Payload): Promise<boolean>;
  /** Queues the updates a previous process recorded but did not finish. */
  recover(): Promise<number>;
  /** Resolves when every queued update has been handled. */
  idle(): Promise<void>;
}

/**
 * Where a channel's updates enter: recorded once in the inbox, then handled one chat at a time
 * by `process`. An update whose handling fails is logged and marked done, never retried in a
 * loop; the person has been sent an apology by then.
 */
export function createUpdateIntake<Payload>(options: {
  prisma: PrismaClient;
  channel: Channel;
  log: Logger;
  process: (payload: Payload) => Promise<void>;
}): UpdateIntake<Payload> {
  const { prisma, channel, log } = options;
  const queues = new SerialQueues();

  function schedule(updateId: string, chatKey: string, payload: Payload): void {
    void queues.run(chatKey, async () => {
      try {
        await options.process(payload);
      } catch (err) {
        log.error({ err, channel, updateId }, 'update handling failed');
      } finally {
        await finishInbound(prisma, channel, updateId).catch((err: unknown) => {
          log.error({ err, channel, updateId }, 'could not mark update done');
        });
      }
    });
  }

  return {
    async receive(updateId, chatKey, payload) {
      // Platform updates arrive as parsed JSON, so they go back to JSON as they are.
      const json = payload as unknown as Prisma.InputJsonValue;
      const fresh = await recordInbound(prisma, { channel, updateId, chatKey, payload: json });
      if (!fresh) {
        log.info({ channel, updateId }, 'redelivered update ignored');
        return false;
      }
      schedule(updateId, chatKey, payload);
      return true;
    },
    async recover() {
      const rows = await pendingInbound(prisma, channel);
      for (const row of rows) schedule(row.updateId, row.chatKey, row.payload as Payload);
      if (rows.length > 0) log.info({ channel, count: rows.length }, 'unfinished updates resumed');
      return rows.length;
    },
    idle: () => queues.idle(),
  };
}
