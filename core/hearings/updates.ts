import type { Published } from '../broadcast/publish.ts';
import { inEveryLocale, publishUpdate } from '../broadcast/publish.ts';
import { viewButton } from '../conversation/buttons.ts';
import type { InlineButton, Outgoing } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import { queueDelivery } from '../delivery/deliveries.ts';
import { resolveLocale, type Translate, translator } from '../i18n/index.ts';
import { commentLabel } from './comments.ts';
import { formatCityMoment } from './format.ts';

/** The view button that opens a hearing in the bots (messages sent from core carry it too). */
export const OPEN_HEARING_ACTION = 'hear-open';

export function openHearingButton(t: Translate, hearingId: number): InlineButton {
  return {
    label: t('hearing-open-button'),
    payload: viewButton(OPEN_HEARING_ACTION, `${hearingId}`),
  };
}

interface Announced {
  id: number;
  title: string;
  commentsFrom: Date;
  commentsUntil: Date;
}

/** Tells the followers of hearings about a new one, in the transaction that creates it. */
export function announceHearing(
  db: Db,
  hearing: Announced,
  createdBy: { tokenId: number },
): Promise<Published | null> {
  const args = {
    title: hearing.title,
    from: formatCityMoment(hearing.commentsFrom),
    until: formatCityMoment(hearing.commentsUntil),
  };
  return publishUpdate(db, {
    key: `hearing:${hearing.id}:announced`,
    topic: 'hearings',
    title: `Hearing ${hearing.id} announced: ${hearing.title}`,
    messages: inEveryLocale((t) => ({
      text: t('hearing-announced', args),
      inline: [[openHearingButton(t, hearing.id)]],
    })),
    createdBy,
  });
}

/**
 * Tells the followers of hearings that a hearing's comment period moved (a deadline extended,
 * a start put off). The key names the new period, so a retried change is told once, and a
 * period moved again is told again.
 */
export function announcePeriodChange(
  db: Db,
  hearing: Announced,
  changedBy: { tokenId: number },
): Promise<Published | null> {
  const from = hearing.commentsFrom.toISOString();
  const until = hearing.commentsUntil.toISOString();
  const args = {
    title: hearing.title,
    from: formatCityMoment(hearing.commentsFrom),
    until: formatCityMoment(hearing.commentsUntil),
  };
  return publishUpdate(db, {
    key: `hearing:${hearing.id}:period:${from}:${until}`,
    topic: 'hearings',
    title: `Hearing ${hearing.id} period changed: ${hearing.title}`,
    messages: inEveryLocale((t) => ({
      text: t('hearing-period-changed', args),
      inline: [[openHearingButton(t, hearing.id)]],
    })),
    createdBy: changedBy,
  });
}

export type CloseRefusal = 'not_found' | 'cancelled' | 'concluded' | 'comments_open';

/**
 * Publishes a hearing's outcome once its comment period is over: the hearing is concluded,
 * each resident who commented hears of it with their comments' numbers, and so do the
 * followers of hearings.
 */
export async function concludeHearing(
  db: Db,
  request: { hearingId: number; outcome: string; outcomeUrl: string | null; now: Date },
  createdBy: { tokenId: number },
): Promise<{ ok: true } | { ok: false; reason: CloseRefusal }> {
  const hearing = await lockHearing(db, request.hearingId);
  if (!hearing) return { ok: false, reason: 'not_found' };
  if (hearing.status !== 'announced') return { ok: false, reason: hearing.status };
  if (request.now.getTime() < hearing.commentsUntil.getTime()) {
    return { ok: false, reason: 'comments_open' };
  }
  await db.hearing.update({
    where: { id: hearing.id },
    data: {
      status: 'concluded',
      outcome: request.outcome,
      outcomeUrl: request.outcomeUrl,
      concludedAt: request.now,
    },
  });

  const message = (t: Translate, numbers?: string) => ({
    text: [
      t('hearing-concluded-notice', { title: hearing.title }),
      request.outcome,
      ...(request.outcomeUrl ? [t('hearing-outcome-link', { url: request.outcomeUrl })] : []),
      ...(numbers ? [t('hearing-your-comments', { numbers })] : []),
    ].join('\n\n'),
    inline: [[openHearingButton(t, hearing.id)]],
  });
  await tellCommenters(db, hearing.id, 'concluded', message);
  await publishUpdate(db, {
    key: `hearing:${hearing.id}:concluded`,
    topic: 'hearings',
    title: `Hearing ${hearing.id} concluded: ${hearing.title}`,
    messages: inEveryLocale((t) => message(t)),
    createdBy,
  });
  return { ok: true };
}

/**
 * Cancels a hearing that has not concluded; the reason, if given, is kept as its outcome and
 * told to those who commented and to the followers of hearings.
 */
export async function cancelHearing(
  db: Db,
  request: { hearingId: number; reason: string | null },
  createdBy: { tokenId: number },
): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'cancelled' | 'concluded' }> {
  const hearing = await lockHearing(db, request.hearingId);
  if (!hearing) return { ok: false, reason: 'not_found' };
  if (hearing.status !== 'announced') return { ok: false, reason: hearing.status };
  await db.hearing.update({
    where: { id: hearing.id },
    data: { status: 'cancelled', outcome: request.reason },
  });

  const message = (t: Translate) => ({
    text: [
      t('hearing-cancelled-notice', { title: hearing.title }),
      ...(request.reason ? [request.reason] : []),
    ].join('\n\n'),
    inline: [[openHearingButton(t, hearing.id)]],
  });
  await tellCommenters(db, hearing.id, 'cancelled', message);
  await publishUpdate(db, {
    key: `hearing:${hearing.id}:cancelled`,
    topic: 'hearings',
    title: `Hearing ${hearing.id} cancelled: ${hearing.title}`,
    messages: inEveryLocale(message),
    createdBy,
  });
  return { ok: true };
}

async function lockHearing(db: Db, hearingId: number) {
  const locked = await db.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM "Hearing" WHERE id = ${hearingId} FOR UPDATE`;
  if (locked.length === 0) return null;
  return db.hearing.findUniqueOrThrow({
    where: { id: hearingId },
    select: { id: true, title: true, status: true, commentsUntil: true },
  });
}

/** One message to each resident who commented, in their language, naming their comments. */
async function tellCommenters(
  db: Db,
  hearingId: number,
  event: 'concluded' | 'cancelled',
  build: (t: Translate, numbers: string) => Outgoing,
): Promise<void> {
  const comments = await db.hearingComment.findMany({
    where: { hearingId },
    orderBy: { number: 'asc' },
    select: {
      number: true,
      residentId: true,
      resident: { select: { channel: true, chatId: true, locale: true } },
    },
  });
  const byResident = new Map<number, typeof comments>();
  for (const comment of comments) {
    const theirs = byResident.get(comment.residentId);
    if (theirs) theirs.push(comment);
    else byResident.set(comment.residentId, [comment]);
  }
  for (const [residentId, theirs] of byResident) {
    const resident = theirs[0]?.resident;
    if (!resident) continue;
    const t = translator(resolveLocale(resident.locale));
    const numbers = theirs
      .map((comment) => t('hearing-number', { label: commentLabel(hearingId, comment.number) }))
      .join(', ');
    await queueDelivery(db, {
      key: `hearing:${hearingId}:${event}:resident:${residentId}`,
      channel: resident.channel,
      chatId: resident.chatId,
      messages: [build(t, numbers)],
    });
  }
}
