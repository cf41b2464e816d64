import type { DeadlineCalendar } from '../calendar/deadline-calendar.ts';
import type { Db, PrismaClient } from '../db/client.ts';
import type { KnowledgeBase } from '../helpdesk/knowledge-base.ts';
import { translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import { findResident } from '../residents/residents.ts';
import { findOfficial } from '../staff/officials.ts';
import type { CategoryCatalog, CategorySuggester, DistrictFinder, FlowContext } from './context.ts';
import { claimInbound } from './inbox.ts';
import { revisionAfter } from './revision.ts';
import { route } from './router.ts';
import { INITIAL_STATE, parseState } from './state.ts';
import type { Channel, Incoming, Reply } from './types.ts';

export interface EngineDeps {
  prisma: PrismaClient;
  districts: DistrictFinder;
  suggester: CategorySuggester;
  categories: CategoryCatalog;
  calendar: DeadlineCalendar;
  knowledge: KnowledgeBase;
  log: Logger;
  now?: () => Date;
  /** Called after a commit that queued jobs in the outbox (the relay hands them to BullMQ). */
  onJobsQueued?: () => void;
}

export interface HandleOptions {
  /** The update came through the inbox: claim it, and do nothing if it was handled already. */
  fromInbox?: boolean;
}

/** The one dialogue engine every channel runs: stored state in, replies out. */
export interface ConversationEngine {
  handle(incoming: Incoming, options?: HandleOptions): Promise<Reply>;
  /** The apology a person sees when handling their message failed. */
  apology(incoming: Incoming): Reply;
}

/**
 * Builds the engine. Each update is handled in one transaction that locks the chat's
 * conversation row: updates of one chat never interleave even across processes, and the new
 * state, any report filed and the inbox mark commit together or not at all.
 */
export function createConversationEngine(deps: EngineDeps): ConversationEngine {
  const now = deps.now ?? (() => new Date());
  const services = {
    districts: deps.districts,
    suggester: deps.suggester,
    categories: deps.categories,
    calendar: deps.calendar,
    knowledge: deps.knowledge,
    now,
  };

  async function handle(incoming: Incoming, options: HandleOptions = {}): Promise<Reply> {
    const { reply, jobsQueued } = await deps.prisma.$transaction(
      async (db) => {
        if (options.fromInbox && !(await claimInbound(db, incoming.channel, incoming.updateId))) {
          return { reply: { messages: [] }, jobsQueued: false };
        }
        const conversation = await lockConversation(db, incoming.channel, incoming.chatId);
        const state = parseState(conversation.state);
        const locale = state.locale ?? 'ru';
        const ctx: FlowContext = {
          incoming,
          state,
          revision: conversation.revision,
          locale,
          t: translator(locale),
          resident: await findResident(db, incoming.channel, incoming.userId),
          official: await findOfficial(db, incoming.channel, incoming.userId),
          services: { ...services, db },
        };

        const result = await route(ctx);
        const revision = revisionAfter(state, conversation.revision, result.state);
        await saveConversation(db, incoming.channel, incoming.chatId, result.state, revision);
        const reply: Reply =
          result.buttonNotice === undefined
            ? { messages: result.messages }
            : { messages: result.messages, buttonNotice: result.buttonNotice };
        return { reply, jobsQueued: result.jobsQueued === true };
      },
      { maxWait: 10_000, timeout: 20_000 },
    );
    if (jobsQueued) deps.onJobsQueued?.();
    return reply;
  }

  function apology(_incoming: Incoming): Reply {
    return { messages: [{ text: translator('ru')('error-generic') }] };
  }

  return { handle, apology };
}

async function lockConversation(
  db: Db,
  channel: Channel,
  chatId: string,
): Promise<{ state: unknown; revision: number }> {
  const initial = JSON.stringify(INITIAL_STATE);
  await db.$executeRaw`
    INSERT INTO "Conversation" (channel, chat_id, state, revision, updated_at)
    VALUES (CAST(${channel} AS "Channel"), ${chatId}, CAST(${initial} AS jsonb), 0, now())
    ON CONFLICT DO NOTHING`;
  const rows = await db.$queryRaw<Array<{ state: unknown; revision: number }>>`
    SELECT state, revision FROM "Conversation"
    WHERE channel = CAST(${channel} AS "Channel") AND chat_id = ${chatId}
    FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new Error('Conversation row vanished while locking it');
  return row;
}

async function saveConversation(
  db: Db,
  channel: Channel,
  chatId: string,
  state: unknown,
  revision: number,
): Promise<void> {
  await db.conversation.update({
    where: { channel_chatId: { channel, chatId } },
    data: { state: state as object, revision },
  });
}
