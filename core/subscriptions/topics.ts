import type { Topic } from '../../generated/prisma/enums.ts';
import type { Db } from '../db/client.ts';

export interface TopicFollow {
  topic: Topic;
  /** For district news: the district followed, with its name. */
  district?: { id: number; name: string };
}

/** What a resident follows, in no particular order. */
export async function listFollows(db: Db, residentId: number): Promise<TopicFollow[]> {
  const rows = await db.topicSubscription.findMany({
    where: { residentId },
    select: { topic: true, district: { select: { id: true, name: true } } },
  });
  return rows.map((row) =>
    row.district ? { topic: row.topic, district: row.district } : { topic: row.topic },
  );
}

/**
 * Follows a topic; following district news again with another district moves it there (a
 * resident follows one district: where they live). Following twice changes nothing.
 */
export async function follow(
  db: Db,
  residentId: number,
  topic: Topic,
  districtId: number | null = null,
): Promise<void> {
  if ((topic === 'district_news') !== (districtId !== null)) {
    throw new Error(`${topic} ${districtId === null ? 'needs' : 'takes no'} district`);
  }
  await db.topicSubscription.upsert({
    where: { residentId_topic: { residentId, topic } },
    create: { residentId, topic, districtId },
    update: { districtId },
  });
}

/** Stops following a topic; returns false when the resident did not follow it. */
export async function unfollow(db: Db, residentId: number, topic: Topic): Promise<boolean> {
  const removed = await db.topicSubscription.deleteMany({ where: { residentId, topic } });
  return removed.count > 0;
}
