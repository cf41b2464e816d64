import type { Db } from '../db/client.ts';

/** The steps of a report's history a resident cares about: what the offices said and did. */
const RESIDENT_VISIBLE = [
  'routed',
  'taken',
  'answered_interim',
  'answered_final',
  'redirected',
  'rejected',
  'reopened',
  'answer_returned',
  'fix_confirmed',
  'closed_unanswered',
  'marked_duplicate',
];

export interface HistoryStep {
  type: string;
  text: string | null;
  at: Date;
}

/** The latest steps, oldest first; staff-only steps (reminders, grades) are left out. */
export async function residentHistory(db: Db, reportId: number, limit = 6): Promise<HistoryStep[]> {
  const events = await db.reportEvent.findMany({
    where: { reportId, type: { in: RESIDENT_VISIBLE } },
    orderBy: { id: 'desc' },
    take: limit,
    select: { type: true, text: true, createdAt: true },
  });
  return events
    .reverse()
    .map((event) => ({ type: event.type, text: event.text, at: event.createdAt }));
}
