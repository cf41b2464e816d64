import type { Channel } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';

/** Bumped whenever the consent text changes in substance, so we know what each person saw. */
export const CONSENT_VERSION = '2026-12-05';

export interface Resident {
  id: number;
  channel: Channel;
  chatId: string;
}

/** The resident behind a platform account, or null if they have not consented yet. */
export async function findResident(
  db: Db,
  channel: Channel,
  platformUserId: string,
): Promise<Resident | null> {
  return db.resident.findUnique({
    where: { channel_platformUserId: { channel, platformUserId } },
    select: { id: true, channel: true, chatId: true },
  });
}

/**
 * Records consent to the processing of personal data; this is the moment a resident exists for
 * us. Consenting again refreshes the consent (a newer text, say) and the chat we answer in.
 */
export async function recordConsent(
  db: Db,
  account: { channel: Channel; platformUserId: string; chatId: string; locale?: string },
  now: Date,
): Promise<Resident> {
  return db.resident.upsert({
    where: {
      channel_platformUserId: { channel: account.channel, platformUserId: account.platformUserId },
    },
    create: { ...account, consentAt: now, consentVersion: CONSENT_VERSION },
    update: { chatId: account.chatId, consentAt: now, consentVersion: CONSENT_VERSION },
    select: { id: true, channel: true, chatId: true },
  });
}

/**
 * Records whether a resident's chat takes our messages: false when they block the bot (the
 * platform tells us), true again when they unblock it. Deliveries skip nobody yet, but the
 * mark tells operators and later broadcasts who cannot be reached.
 */
export async function setChatReachable(
  db: Db,
  channel: Channel,
  chatId: string,
  reachable: boolean,
  now: Date = new Date(),
): Promise<void> {
  const data = { unreachableAt: reachable ? null : now };
  await db.resident.updateMany({ where: { channel, chatId }, data });
  // The same private chat may be a member of staff's: office notices skip it (or resume) too.
  await db.official.updateMany({ where: { channel, chatId }, data });
}
