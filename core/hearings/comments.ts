import type { Db } from '../db/client.ts';
import type { CompleteIdentity } from '../residents/identity.ts';
import { type HearingPhase, phaseOf } from './hearings.ts';

export const COMMENT_KINDS = ['comment', 'proposal'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

/** A comment shorter than this says nothing an organiser can record. */
export const COMMENT_MIN = 10;
export const COMMENT_MAX = 4000;

export type CommentRefusal = 'not_found' | Exclude<HearingPhase, 'open'>;

export type SubmitOutcome = { ok: true; number: number } | { ok: false; reason: CommentRefusal };

/** The number a resident is told for a comment: the hearing's and the comment's, "12-3". */
export function commentLabel(hearingId: number, number: number): string {
  return `${hearingId}-${number}`;
}

/**
 * Stores a comment under the next number of its hearing, with the identity it is given under.
 * The hearing's row stays locked until the caller's transaction ends, so two comments at
 * once take two numbers, and a period that ends meanwhile is seen: `now` is checked under
 * the lock.
 */
export async function submitComment(
  db: Db,
  comment: {
    hearingId: number;
    residentId: number;
    kind: CommentKind;
    text: string;
    identity: CompleteIdentity;
    now: Date;
  },
): Promise<SubmitOutcome> {
  const locked = await db.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM "Hearing" WHERE id = ${comment.hearingId} FOR UPDATE`;
  if (locked.length === 0) return { ok: false, reason: 'not_found' };
  const hearing = await db.hearing.findUniqueOrThrow({
    where: { id: comment.hearingId },
    select: { status: true, commentsFrom: true, commentsUntil: true },
  });
  const phase = phaseOf(hearing, comment.now);
  if (phase !== 'open') return { ok: false, reason: phase };

  const { commentCount } = await db.hearing.update({
    where: { id: comment.hearingId },
    data: { commentCount: { increment: 1 } },
    select: { commentCount: true },
  });
  const { fullName, address, phone } = comment.identity;
  await db.hearingComment.create({
    data: {
      hearingId: comment.hearingId,
      residentId: comment.residentId,
      number: commentCount,
      kind: comment.kind,
      text: comment.text,
      fullName,
      address,
      phone,
      createdAt: comment.now,
    },
  });
  return { ok: true, number: commentCount };
}

/** A comment as the organisers receive it: with the name, address and phone it was given under. */
export interface CommentRecord {
  number: number;
  kind: string;
  text: string;
  fullName: string;
  address: string;
  phone: string;
  createdAt: Date;
}

/** A hearing's comments after a number, in number order, `take` at a time. */
export async function commentsAfter(
  db: Db,
  hearingId: number,
  afterNumber: number,
  take: number,
): Promise<CommentRecord[]> {
  return db.hearingComment.findMany({
    where: { hearingId, number: { gt: afterNumber } },
    orderBy: { number: 'asc' },
    take,
    select: {
      number: true,
      kind: true,
      text: true,
      fullName: true,
      address: true,
      phone: true,
      createdAt: true,
    },
  });
}
