import { type ChatTypeContext, Composer, type Context } from 'grammy';
import type { ChatMember } from 'grammy/types';
import type { PrismaClient } from '../../core/db/client.ts';
import { resolveLocale, type Translate, translator } from '../../core/i18n/index.ts';
import type { Logger } from '../../core/logger.ts';
import {
  type ChatRef,
  deactivateOfficeChat,
  isActiveOfficeChat,
  type LinkOutcome,
  linkOfficeChat,
  moveOfficeChat,
  type UnlinkOutcome,
  unlinkOfficeChat,
} from '../../core/staff/office-chats.ts';
import { findOfficial } from '../../core/staff/officials.ts';

/**
 * Office team groups: /team links the group to the sender's office, /team_off unlinks it, a
 * supergroup upgrade moves the link to the new chat id, and removing the bot switches it off.
 * Everything else said in a group passes on (and the dialogue engine ignores it), except that
 * a button pressed under a card in a group is the presser's business in their private chat.
 */
export interface GroupChatsOptions {
  prisma: PrismaClient;
  log: Logger;
}

type GroupContext = ChatTypeContext<Context, 'group' | 'supergroup'>;

export function groupChats(options: GroupChatsOptions): Composer<Context> {
  const { prisma, log } = options;
  const composer = new Composer<Context>();
  const groups = composer.chatType(['group', 'supergroup']);
  const logOf = (ctx: Context) =>
    log.child({ channel: 'telegram', updateId: ctx.update.update_id });

  groups.command('team', async (ctx) => {
    const official = await findOfficial(prisma, 'telegram', String(ctx.from?.id ?? ''));
    const outcome = await linkOfficeChat(prisma, chatRef(ctx.chat.id), official);
    logOf(ctx).info({ outcome: outcomeName(outcome) }, 'office chat link asked');
    await say(ctx, linkText(textsFor(ctx), outcome), logOf(ctx));
  });

  groups.command('team_off', async (ctx) => {
    const official = await findOfficial(prisma, 'telegram', String(ctx.from?.id ?? ''));
    const outcome = await unlinkOfficeChat(prisma, chatRef(ctx.chat.id), official);
    logOf(ctx).info({ outcome: outcomeName(outcome) }, 'office chat unlink asked');
    await say(ctx, unlinkText(textsFor(ctx), outcome), logOf(ctx));
  });

  // Telegram posts one service message in the old group and one in the new supergroup.
  groups.on('message:migrate_to_chat_id', async (ctx) => {
    const to = ctx.message.migrate_to_chat_id;
    const moved = await moveOfficeChat(prisma, 'telegram', String(ctx.chat.id), String(to));
    logOf(ctx).info({ moved }, 'group upgraded to a supergroup');
  });
  groups.on('message:migrate_from_chat_id', async (ctx) => {
    const from = ctx.message.migrate_from_chat_id;
    const moved = await moveOfficeChat(prisma, 'telegram', String(from), String(ctx.chat.id));
    logOf(ctx).info({ moved }, 'supergroup upgraded from a group');
  });

  groups.on('my_chat_member', async (ctx) => {
    const { old_chat_member: before, new_chat_member: after } = ctx.myChatMember;
    if (isIn(before) === isIn(after)) return;
    if (!isIn(after)) {
      const stopped = await deactivateOfficeChat(prisma, chatRef(ctx.chat.id));
      logOf(ctx).info({ stopped }, 'bot removed from a group');
      return;
    }
    // Being added back does not relink the group: the office may have moved on since. A
    // group still linked (the bot reappearing in an upgraded supergroup) needs no advice.
    logOf(ctx).info('bot added to a group');
    if (await isActiveOfficeChat(prisma, chatRef(ctx.chat.id))) return;
    await say(ctx, textsFor(ctx)('group-added'), logOf(ctx));
  });

  return composer;
}

function chatRef(chatId: number): ChatRef {
  return { channel: 'telegram', chatId: String(chatId) };
}

/** Whether this status keeps the bot in the chat (a restricted member may still be one). */
function isIn(member: ChatMember): boolean {
  if (member.status === 'restricted') return member.is_member;
  return member.status !== 'left' && member.status !== 'kicked';
}

function textsFor(ctx: Context): Translate {
  return translator(resolveLocale(ctx.from?.language_code));
}

function linkText(t: Translate, outcome: LinkOutcome): string {
  if (!outcome.ok)
    return t(outcome.reason === 'no_office' ? 'group-team-no-office' : 'group-team-not-staff');
  if (outcome.outcome === 'moved') {
    return t('group-team-moved', {
      office: outcome.officeName,
      previous: outcome.previousOfficeName,
    });
  }
  const key = outcome.outcome === 'already' ? 'group-team-already' : 'group-team-linked';
  return t(key, { office: outcome.officeName });
}

function unlinkText(t: Translate, outcome: UnlinkOutcome): string {
  if (outcome.ok) return t('group-team-off-done', { office: outcome.officeName });
  return t(
    outcome.reason === 'not_linked' ? 'group-team-off-not-linked' : 'group-team-off-not-allowed',
  );
}

function outcomeName(outcome: LinkOutcome | UnlinkOutcome): string {
  if (!outcome.ok) return outcome.reason;
  return 'outcome' in outcome ? outcome.outcome : 'unlinked';
}

/**
 * A plain-text answer in the group. A group that will not take it (the bot cannot write there)
 * is no reason to fail the update: what was asked is done and stored already.
 */
async function say(ctx: GroupContext, text: string, log: Logger): Promise<void> {
  await ctx.api
    .sendMessage(ctx.chat.id, text)
    .catch((err: unknown) => log.warn({ err }, 'group answer could not be sent'));
}
