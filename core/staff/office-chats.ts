import type { Channel } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import { OFFICE_ROLES } from './link-codes.ts';
import type { Official } from './officials.ts';

/**
 * An office's team chats (a Telegram group, say): where its cards go before they go to each
 * member. A chat belongs to one office at a time; it is linked by a member of that office from
 * inside the chat, and stops getting cards when unlinked or when the bot is removed from it.
 */

export interface ChatRef {
  channel: Channel;
  chatId: string;
}

export type LinkOutcome =
  | { ok: true; outcome: 'linked' | 'already'; officeName: string }
  | { ok: true; outcome: 'moved'; officeName: string; previousOfficeName: string }
  /** not_staff: no linked member of staff; no_office: staff who act city-wide. */
  | { ok: false; reason: 'not_staff' | 'no_office' };

export type UnlinkOutcome =
  | { ok: true; officeName: string }
  | { ok: false; reason: 'not_staff' | 'not_linked' | 'not_allowed' };

const WITH_OFFICE = { office: { select: { name: true } } } as const;

/**
 * Makes the chat the team chat of the official's office. A chat linked before (to this office,
 * or to another one, or switched off) is taken over: one chat, one office, active again.
 */
export async function linkOfficeChat(
  db: Db,
  chat: ChatRef,
  official: Official | null,
): Promise<LinkOutcome> {
  if (!official) return { ok: false, reason: 'not_staff' };
  const officeId = official.officeId;
  if (!OFFICE_ROLES.includes(official.role) || officeId === null) {
    return { ok: false, reason: 'no_office' };
  }

  const where = { channel_chatId: chat };
  const before = await db.officeChat.findUnique({ where, include: WITH_OFFICE });
  const after = await db.officeChat.upsert({
    where,
    create: { ...chat, officeId, active: true },
    update: { officeId, active: true },
    include: WITH_OFFICE,
  });

  const officeName = after.office.name;
  if (before && before.officeId !== officeId) {
    return { ok: true, outcome: 'moved', officeName, previousOfficeName: before.office.name };
  }
  return { ok: true, outcome: before?.active ? 'already' : 'linked', officeName };
}

/**
 * Stops sending the office's cards to this chat. A member of the chat's own office may do it,
 * and an admin; a stranger learns nothing about which office the chat serves.
 */
export async function unlinkOfficeChat(
  db: Db,
  chat: ChatRef,
  official: Official | null,
): Promise<UnlinkOutcome> {
  if (!official) return { ok: false, reason: 'not_staff' };
  const linked = await db.officeChat.findUnique({
    where: { channel_chatId: chat },
    include: WITH_OFFICE,
  });
  if (!linked?.active) return { ok: false, reason: 'not_linked' };
  const ownOffice = OFFICE_ROLES.includes(official.role) && official.officeId === linked.officeId;
  if (!ownOffice && official.role !== 'admin') return { ok: false, reason: 'not_allowed' };

  await db.officeChat.update({ where: { id: linked.id }, data: { active: false } });
  return { ok: true, officeName: linked.office.name };
}

/**
 * The platform gave the chat a new id (Telegram upgrading a group to a supergroup). Safe to
 * call more than once and in any order: once the old id is gone there is nothing to move.
 * If the new id was linked on its own already, that newer link wins and the old row goes.
 */
export async function moveOfficeChat(
  db: Db,
  channel: Channel,
  fromChatId: string,
  toChatId: string,
): Promise<boolean> {
  if (fromChatId === toChatId) return false;
  const taken = await db.officeChat.findUnique({
    where: { channel_chatId: { channel, chatId: toChatId } },
    select: { id: true },
  });
  if (taken) {
    const dropped = await db.officeChat.deleteMany({ where: { channel, chatId: fromChatId } });
    return dropped.count > 0;
  }
  const moved = await db.officeChat.updateMany({
    where: { channel, chatId: fromChatId },
    data: { chatId: toChatId },
  });
  return moved.count > 0;
}

/** The bot is no longer in the chat: nothing is sent there until someone links it again. */
export async function deactivateOfficeChat(db: Db, chat: ChatRef): Promise<boolean> {
  const updated = await db.officeChat.updateMany({
    where: { ...chat, active: true },
    data: { active: false },
  });
  return updated.count > 0;
}

/** Whether the office's cards go to this chat now. */
export async function isActiveOfficeChat(db: Db, chat: ChatRef): Promise<boolean> {
  const found = await db.officeChat.findUnique({
    where: { channel_chatId: chat },
    select: { active: true },
  });
  return found?.active ?? false;
}
