import type { Outgoing } from '../conversation/types.ts';
import type { PrismaClient } from '../db/client.ts';

/** Broadcasts whose messages a worker keeps at hand; a worker rarely sends more at once. */
const KEPT = 16;

export interface BroadcastMessages {
  /** The broadcast's message in this locale, or in Russian when it has none in it. */
  get(broadcastId: number, locale: string): Promise<Outgoing>;
}

/**
 * A broadcast's messages never change once published, so a worker reads them once per
 * broadcast instead of once per recipient.
 */
export function createMessageCache(prisma: PrismaClient): BroadcastMessages {
  const cache = new Map<number, Record<string, Outgoing>>();

  async function load(broadcastId: number): Promise<Record<string, Outgoing>> {
    const cached = cache.get(broadcastId);
    if (cached) return cached;
    const row = await prisma.broadcast.findUniqueOrThrow({
      where: { id: broadcastId },
      select: { messages: true },
    });
    const messages = row.messages as unknown as Record<string, Outgoing>;
    cache.set(broadcastId, messages);
    // Maps iterate in insertion order: the first key is the oldest.
    const oldest = cache.keys().next().value;
    if (cache.size > KEPT && oldest !== undefined) cache.delete(oldest);
    return messages;
  }

  return {
    async get(broadcastId, locale) {
      const messages = await load(broadcastId);
      const message = messages[locale] ?? messages.ru ?? Object.values(messages)[0];
      if (!message) throw new Error(`Broadcast ${broadcastId} has no message to send`);
      return message;
    },
  };
}
