import type { Prisma } from '../../generated/prisma/client.ts';
import type { DeadlineCalendar } from '../calendar/deadline-calendar.ts';
import type { Channel, PhotoRef } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import { translator } from '../i18n/index.ts';
import { addToOutbox } from '../jobs/outbox.ts';
import { JOBS, QUEUES } from '../jobs/queues.ts';
import { queueOfficeNotice } from '../staff/office-notices.ts';
import { buildReportCard, type CardHeadline } from '../staff/report-card.ts';
import {
  type Action,
  type Actor,
  decide,
  type Effect,
  type EventType,
  type ReportState,
} from './lifecycle.ts';
import type { Refusal } from './lifecycle-errors.ts';
import { REPORT_STATE_FIELDS } from './report-state.ts';
import { queueResidentNotice } from './resident-notices.ts';

/**
 * Carries out one lifecycle action on a stored report: decides it (lifecycle.ts), then, in the
 * caller's transaction, stores the new status and the history event and queues what the
 * decision implies (deadlines, routing, notices). Bots, jobs and the API all act through here.
 */
export interface ActDeps {
  calendar: DeadlineCalendar;
  now: Date;
}

/** Photos an official attached to an answer, kept with the history event. */
export interface ActAttachments {
  photos?: PhotoRef[];
  /** The channel the photos were sent on; the actor's. */
  channel?: Channel;
}

export type ActOutcome =
  | { ok: true; status: ReportState['status']; eventId: number; number: number }
  | Refusal
  | { ok: false; code: 'not_found'; reason: string };

const HEADLINES: Partial<Record<EventType, CardHeadline>> = {
  routed: 'routed',
  reopened: 'reopened',
  answer_returned: 'answer_returned',
};

/** A report that came back (reopened, returned) gets half its category's days, at least one. */
export function shortDeadlineDays(categoryDays: number): number {
  return Math.max(1, Math.ceil(categoryDays / 2));
}

export async function actOnReport(
  db: Db,
  deps: ActDeps,
  reportId: number,
  action: Action,
  actor: Actor,
  attachments: ActAttachments = {},
): Promise<ActOutcome> {
  const locked = await db.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM "Report" WHERE id = ${reportId} FOR UPDATE`;
  if (locked.length === 0) {
    return { ok: false, code: 'not_found', reason: `Report ${reportId} does not exist.` };
  }
  const report = await db.report.findUniqueOrThrow({
    where: { id: reportId },
    select: { ...REPORT_STATE_FIELDS, category: { select: { deadlineDays: true } } },
  });

  const decision = decide(report, action, actor);
  if (!decision.ok) return decision;
  const { event, effects } = decision;
  const { now } = deps;
  const actorChannel = attachments.channel ?? 'telegram';

  const update: Prisma.ReportUpdateInput = { status: decision.status };
  if (decision.status === 'closed') update.closedAt = now;
  for (const effect of effects) applyToRow(effect, update, report.category.deadlineDays, deps);
  if (event.type === 'reopened') update.reopenCount = { increment: 1 };
  await db.report.update({ where: { id: reportId }, data: update });

  // An answer's photos are the official's platform's; they carry their channel for that.
  const photos =
    attachments.photos?.map((photo) => ({ channel: actorChannel, fileId: photo.fileId })) ?? [];
  const stored = await db.reportEvent.create({
    data: {
      reportId,
      type: event.type,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      actorKind: event.actorKind,
      actorId: event.actorId ?? null,
      text: event.text ?? null,
      ...(event.data || photos.length > 0
        ? { data: { ...event.data, ...(photos.length > 0 ? { photos } : {}) } }
        : {}),
    },
    select: { id: true },
  });

  // A resident whose report was folded into another follows the other from now on.
  if (action.type === 'mark_duplicate') await followOriginal(db, report.residentId, action);
  for (const effect of effects) {
    await queueEffect(db, deps, effect, { reportId, eventId: stored.id, type: event.type, photos });
  }
  return { ok: true, status: decision.status, eventId: stored.id, number: report.number };
}

async function followOriginal(
  db: Db,
  residentId: number,
  action: Extract<Action, { type: 'mark_duplicate' }>,
): Promise<void> {
  const original = await db.report.findUnique({
    where: { number: action.ofReportNumber },
    select: { id: true, residentId: true },
  });
  if (!original || original.residentId === residentId) return;
  await db.reportSubscription.createMany({
    data: [{ reportId: original.id, residentId }],
    skipDuplicates: true,
  });
}

function applyToRow(
  effect: Effect,
  update: Prisma.ReportUpdateInput,
  categoryDays: number,
  deps: ActDeps,
): void {
  switch (effect.kind) {
    case 'set_office':
      update.office = { connect: { id: effect.officeId } };
      return;
    case 'start_deadline':
      update.deadlineAt = deps.calendar.addWorkingDays(deps.now, categoryDays);
      return;
    case 'shorten_deadline':
      update.deadlineAt = deps.calendar.addWorkingDays(deps.now, shortDeadlineDays(categoryDays));
      return;
    case 'schedule_followup':
      // The follow-up sweep closes it when the resident stays silent (see followup.ts).
      update.resolvedAt = deps.now;
      return;
    case 'flag':
      update.flagged = true;
      return;
    default:
      return;
  }
}

async function queueEffect(
  db: Db,
  deps: ActDeps,
  effect: Effect,
  event: { reportId: number; eventId: number; type: EventType; photos: unknown[] },
): Promise<void> {
  switch (effect.kind) {
    case 'reroute':
      await addToOutbox(db, {
        queue: QUEUES.routing,
        name: JOBS.routeReport,
        payload: { reportId: event.reportId, officeId: effect.officeId },
      });
      return;
    case 'notify_resident':
      await queueResidentNotice(db, event.reportId, event.eventId);
      return;
    case 'notify_office': {
      const headline = HEADLINES[effect.what] ?? 'view';
      const viewer: Actor = { kind: 'official', officeId: effect.officeId, role: 'official' };
      const t = translator('ru');
      const card = await buildReportCard(db, t, event.reportId, {
        headline,
        viewer,
        now: deps.now,
      });
      if (!card) return;
      await queueOfficeNotice(db, {
        officeId: effect.officeId,
        audience: 'team',
        key: `report:${event.reportId}:event:${event.eventId}`,
        messages: card,
      });
      return;
    }
    default:
      return;
  }
}
