import type { Topic } from '../../generated/prisma/enums.ts';
import { viewButton } from '../conversation/buttons.ts';
import type { Outgoing } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import { LOCALES, type Locale, type Translate, translator } from '../i18n/index.ts';
import { addToOutbox } from '../jobs/outbox.ts';
import { JOBS, QUEUES } from '../jobs/queues.ts';

export type { Topic } from '../../generated/prisma/enums.ts';

/** Every topic residents can follow, in the order the subscriptions menu lists them. */
export const TOPICS: readonly Topic[] = [
  'hearings',
  'official_reports',
  'volunteering',
  'district_news',
];

/** One update for the followers of a topic. */
export interface Update {
  /**
   * Names the update, e.g. "hearing:12:opened" or "official-report:3:published"; publishing
   * the same key again sends nothing (a retried request, a double tap).
   */
  key: string;
  topic: Topic;
  /** District news: the district whose followers get it. Other topics go to all followers. */
  districtId?: number | null;
  /** How the update is listed in the admin API. */
  title: string;
  /** The message in each of our locales; each follower gets theirs. */
  messages: Record<Locale, Outgoing>;
  createdBy?: { tokenId?: number; officialId?: number };
}

export interface Published {
  broadcastId: number;
  /** How many followers it will be sent to. */
  recipients: number;
}

/** Builds an update's message in every locale from one function of the translator. */
export function inEveryLocale(build: (t: Translate) => Outgoing): Record<Locale, Outgoing> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, build(translator(locale))])) as Record<
    Locale,
    Outgoing
  >;
}

/**
 * Publishes an update in the caller's transaction: the broadcast, one recipient row per
 * reachable follower (their chat and language as they are now), and the job that starts
 * sending commit together with the change they announce. Returns null for a key published
 * before. Each message gets a button to stop following its topic.
 */
export async function publishUpdate(db: Db, update: Update): Promise<Published | null> {
  if (update.topic === 'district_news' && !update.districtId) {
    throw new Error('District news needs the district it is for');
  }
  const messages = Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      withUnsubscribe(update.messages[locale], update.topic, locale),
    ]),
  );
  const inserted = await db.$queryRaw<Array<{ id: number }>>`
    INSERT INTO "Broadcast" (key, topic, district_id, title, messages, created_by_token_id,
                             created_by_official_id)
    VALUES (${update.key}, CAST(${update.topic} AS "Topic"), ${update.districtId ?? null},
            ${update.title}, CAST(${JSON.stringify(messages)} AS jsonb),
            ${update.createdBy?.tokenId ?? null}, ${update.createdBy?.officialId ?? null})
    ON CONFLICT (key) DO NOTHING
    RETURNING id`;
  const broadcastId = inserted[0]?.id;
  if (broadcastId === undefined) return null;

  // District news reaches the followers of that district; other topics, all their followers.
  const recipients = await db.$executeRaw`
    INSERT INTO "BroadcastRecipient" (broadcast_id, resident_id, channel, chat_id, locale)
    SELECT ${broadcastId}, r.id, r.channel, r.chat_id, r.locale
    FROM "TopicSubscription" s
    JOIN "Resident" r ON r.id = s.resident_id
    WHERE s.topic = CAST(${update.topic} AS "Topic")
      AND (${update.topic} <> 'district_news' OR s.district_id = ${update.districtId ?? null})
      AND r.unreachable_at IS NULL`;
  await db.broadcast.update({ where: { id: broadcastId }, data: { total: recipients } });
  await addToOutbox(db, {
    queue: QUEUES.broadcast,
    name: JOBS.startBroadcast,
    payload: { broadcastId },
  });
  return { broadcastId, recipients };
}

function withUnsubscribe(message: Outgoing, topic: Topic, locale: Locale): Outgoing {
  const t = translator(locale);
  const stop = [{ label: t('subscriptions-stop'), payload: viewButton('sub-off', topic) }];
  return { ...message, inline: [...(message.inline ?? []), stop] };
}
