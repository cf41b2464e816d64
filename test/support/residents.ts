import type { Channel } from '../../core/conversation/types.ts';
import type { Db } from '../../core/db/client.ts';

/** A resident who has consented, as the bots create one; the chat id is the user id. */
export async function consentedResident(
  db: Db,
  account: { channel?: Channel; userId: string },
): Promise<{ id: number; chatId: string }> {
  return db.resident.create({
    data: {
      channel: account.channel ?? 'telegram',
      platformUserId: account.userId,
      chatId: account.userId,
      consentAt: new Date(),
      consentVersion: 'test',
    },
    select: { id: true, chatId: true },
  });
}
