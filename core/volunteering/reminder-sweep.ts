import type { Db, PrismaClient } from '../db/client.ts';
import { queueDelivery } from '../delivery/deliveries.ts';
import { resolveLocale, translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import { type ReminderKind, reminderMessage } from './notices.ts';

/**
 * Reminds volunteers of the events they signed up for: once the day before (from 24 hours
 * before the start until 2 hours before) and once shortly before (the last 2 hours). Each
 * reminder is recorded on the signup, so it goes once however often the sweep runs and on
 * however many workers; a resident who signed up late gets only the reminders still due.
 */

const HOUR_MS = 60 * 60 * 1000;
export const DAY_REMINDER_LEAD_MS = 24 * HOUR_MS;
export const SOON_REMINDER_LEAD_MS = 2 * HOUR_MS;
/** Signups reminded per kind and run; the rest wait for the next run. */
export const REMINDER_SWEEP_BATCH = 500;

export interface ReminderSweepDeps {
  now: Date;
  batchSize?: number;
  log?: Logger;
}

export interface ReminderSweepCounts {
  day: number;
  soon: number;
  /** Deliveries queued; when above 0 the outbox relay has work. */
  queued: number;
  failed: number;
}

/** Which reminder an event starting at `startsAt` is due at `now`, if any. */
export function dueReminder(startsAt: Date, now: Date): ReminderKind | null {
  const left = startsAt.getTime() - now.getTime();
  if (left <= 0) return null;
  if (left <= SOON_REMINDER_LEAD_MS) return 'soon';
  return left <= DAY_REMINDER_LEAD_MS ? 'day' : null;
}

/** The delivery key of a reminder: one per signup, kind and start (a moved event re-reminds). */
export function reminderKey(signupId: number, kind: ReminderKind, startsAt: Date): string {
  return `volunteer:signup:${signupId}:${kind}:${startsAt.toISOString()}`;
}

/** One run: the reminders shortly before, then the ones the day before. */
export async function sweepVolunteerReminders(
  prisma: PrismaClient,
  deps: ReminderSweepDeps,
): Promise<ReminderSweepCounts> {
  const counts: ReminderSweepCounts = { day: 0, soon: 0, queued: 0, failed: 0 };
  for (const kind of ['soon', 'day'] as const) {
    for (const signup of await findDue(prisma, kind, deps)) {
      try {
        const queued = await prisma.$transaction((db) => remindOnce(db, kind, signup, deps.now));
        if (queued === null) continue;
        counts[kind] += 1;
        counts.queued += queued ? 1 : 0;
      } catch (err) {
        // One broken signup must not hold up the others; it is tried again next run.
        counts.failed += 1;
        deps.log?.error({ err, signupId: signup.id, kind }, 'volunteer reminder failed');
      }
    }
  }
  return counts;
}

interface DueSignup {
  id: number;
  eventId: number;
}

/** Seats at open events whose reminder of this kind is due and not yet recorded. */
function findDue(
  prisma: PrismaClient,
  kind: ReminderKind,
  deps: ReminderSweepDeps,
): Promise<DueSignup[]> {
  const at = (ms: number) => new Date(deps.now.getTime() + ms);
  const startsAt =
    kind === 'soon'
      ? { gt: deps.now, lte: at(SOON_REMINDER_LEAD_MS) }
      : { gt: at(SOON_REMINDER_LEAD_MS), lte: at(DAY_REMINDER_LEAD_MS) };
  return prisma.volunteerSignup.findMany({
    where: {
      status: 'going',
      ...(kind === 'soon' ? { soonReminderAt: null } : { dayReminderAt: null }),
      resident: { unreachableAt: null },
      event: { status: 'open', startsAt },
    },
    orderBy: { id: 'asc' },
    take: deps.batchSize ?? REMINDER_SWEEP_BATCH,
    select: { id: true, eventId: true },
  });
}

/**
 * Sends one reminder and records it, unless the signup is held elsewhere (another sweep), or
 * changed since it was found: cancelled, the event cancelled or moved, the reminder sent.
 * The event is locked before the signup, in the order sign-ups and organisers' changes take
 * them, so a cancellation and a reminder never cross. Returns whether a delivery was queued,
 * or null when nothing was done.
 */
async function remindOnce(
  db: Db,
  kind: ReminderKind,
  due: DueSignup,
  now: Date,
): Promise<boolean | null> {
  await db.$queryRaw`SELECT id FROM "VolunteerEvent" WHERE id = ${due.eventId} FOR SHARE`;
  const locked = await db.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM "VolunteerSignup" WHERE id = ${due.id} FOR UPDATE SKIP LOCKED`;
  if (locked.length === 0) return null;

  const signup = await db.volunteerSignup.findUniqueOrThrow({
    where: { id: due.id },
    select: {
      status: true,
      dayReminderAt: true,
      soonReminderAt: true,
      resident: { select: { channel: true, chatId: true, locale: true } },
      event: {
        select: {
          id: true,
          status: true,
          title: true,
          address: true,
          latitude: true,
          longitude: true,
          startsAt: true,
          endsAt: true,
        },
      },
    },
  });
  const { event, resident } = signup;
  const sent = kind === 'soon' ? signup.soonReminderAt : signup.dayReminderAt;
  if (signup.status !== 'going' || event.status !== 'open' || sent !== null) return null;
  if (dueReminder(event.startsAt, now) !== kind) return null;

  await db.volunteerSignup.update({
    where: { id: due.id },
    data: kind === 'soon' ? { soonReminderAt: now } : { dayReminderAt: now },
  });
  const t = translator(resolveLocale(resident.locale));
  return queueDelivery(db, {
    key: reminderKey(due.id, kind, event.startsAt),
    channel: resident.channel,
    chatId: resident.chatId,
    messages: [reminderMessage(t, kind, event)],
  });
}
