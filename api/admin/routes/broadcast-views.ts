import { z } from 'zod';
import { SEND_STATUSES, type SendCounts, type SendPace } from '../../../core/broadcast/progress.ts';
import type { PrismaClient } from '../../../core/db/client.ts';
import type { Principal } from '../../../core/staff/api-tokens.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';
import { forbidden } from '../errors.ts';

/** Who sees and sends broadcasts; heads only their own district's news. */
export const BROADCAST_ROLES = ['admin', 'organiser', 'head'] as const;

const countsSchema = z.object(
  Object.fromEntries(SEND_STATUSES.map((status) => [status, z.number().int()])) as Record<
    (typeof SEND_STATUSES)[number],
    z.ZodNumber
  >,
);

export const broadcastSummary = z.object({
  id: z.number(),
  key: z.string(),
  topic: z.enum(['hearings', 'official_reports', 'volunteering', 'district_news']),
  districtId: z.number().nullable(),
  title: z.string(),
  /** sending, done (nobody left to send to), or cancelled (the pending were never sent). */
  status: z.enum(['sending', 'done', 'cancelled']),
  /** Recipients when published: the reachable followers of the topic. */
  total: z.number(),
  counts: countsSchema,
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

export const broadcastDetail = broadcastSummary.extend({
  firstSentAt: z.iso.datetime().nullable(),
  lastSentAt: z.iso.datetime().nullable(),
  /** Delivered messages per second, from the first to the last (or to now while sending). */
  sentPerSecond: z.number().nullable(),
});

export const BROADCAST_SELECT = {
  id: true,
  key: true,
  topic: true,
  districtId: true,
  title: true,
  status: true,
  total: true,
  createdAt: true,
  finishedAt: true,
} as const;

type BroadcastRow = Prisma.BroadcastGetPayload<{ select: typeof BROADCAST_SELECT }>;

export function summaryOf(row: BroadcastRow, counts: SendCounts): z.infer<typeof broadcastSummary> {
  return {
    ...row,
    counts,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export function detailOf(
  row: BroadcastRow,
  counts: SendCounts,
  pace: SendPace,
): z.infer<typeof broadcastDetail> {
  return {
    ...summaryOf(row, counts),
    firstSentAt: pace.firstSentAt?.toISOString() ?? null,
    lastSentAt: pace.lastSentAt?.toISOString() ?? null,
    sentPerSecond: pace.sentPerSecond,
  };
}

/**
 * The broadcasts a caller may see and act on: admins and organisers every one, a head the news
 * of their office's district (a head of an office without a district has none).
 */
export async function broadcastScope(
  prisma: PrismaClient,
  principal: Principal,
): Promise<Prisma.BroadcastWhereInput> {
  if (principal.role !== 'head') return {};
  const districtId = await headDistrict(prisma, principal);
  return { topic: 'district_news', districtId };
}

/** A head may publish the news of their office's district, and nothing else. */
export async function checkMayPublish(
  prisma: PrismaClient,
  principal: Principal,
  news: { topic: string; districtId?: number | undefined },
): Promise<void> {
  if (principal.role !== 'head') return;
  const districtId = await headDistrict(prisma, principal);
  if (news.topic !== 'district_news' || news.districtId !== districtId) {
    throw forbidden('Heads publish the news of their own office’s district only');
  }
}

async function headDistrict(prisma: PrismaClient, principal: Principal): Promise<number> {
  const office = principal.officeId
    ? await prisma.office.findUnique({
        where: { id: principal.officeId },
        select: { districtId: true },
      })
    : null;
  if (!office?.districtId) throw forbidden('Your office has no district to send news to');
  return office.districtId;
}
