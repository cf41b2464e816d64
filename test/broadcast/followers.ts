import type { Topic } from '../../core/broadcast/publish.ts';
import type { Channel } from '../../core/conversation/types.ts';
import type { Db } from '../../core/db/client.ts';

/**
 * Residents who follow a topic, made in two statements however many there are; each one's
 * chat id is its user id, as in a private chat.
 */
export async function addFollowers(
  db: Db,
  options: {
    channel: Channel;
    chatIds: readonly number[];
    topic: Topic;
    districtId?: number;
    /** The locale of each follower by index; Russian when it gives none. */
    localeOf?: (index: number) => string;
  },
): Promise<void> {
  const chats = options.chatIds.map(String);
  await db.resident.createMany({
    data: chats.map((chatId, index) => ({
      channel: options.channel,
      platformUserId: chatId,
      chatId,
      locale: options.localeOf?.(index) ?? 'ru',
      consentAt: new Date(),
      consentVersion: 'test',
    })),
  });
  const residents = await db.resident.findMany({
    where: { channel: options.channel, chatId: { in: chats } },
    select: { id: true },
  });
  await db.topicSubscription.createMany({
    data: residents.map((resident) => ({
      residentId: resident.id,
      topic: options.topic,
      districtId: options.districtId ?? null,
    })),
  });
}

/** Chat ids from `first` on, `count` of them. */
export function chatRange(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => first + index);
}
