import { z } from 'zod';

/**
 * Reports as the admin API shows them. Nothing here names a resident: no platform ids, no
 * chat ids; the history says "resident" for the resident's own steps.
 */
export const SUMMARY_SELECT = {
  id: true,
  number: true,
  status: true,
  channel: true,
  description: true,
  address: true,
  latitude: true,
  longitude: true,
  flagged: true,
  reopenCount: true,
  createdAt: true,
  updatedAt: true,
  deadlineAt: true,
  routedAt: true,
  resolvedAt: true,
  closedAt: true,
  category: { select: { code: true, name: true } },
  district: { select: { id: true, code: true, name: true } },
  office: { select: { id: true, code: true, name: true } },
  _count: { select: { photos: true } },
} as const;

const OPEN_WORK = new Set(['routed', 'in_progress', 'answered', 'reopened']);

const named = z.object({ code: z.string(), name: z.string() });

export const summarySchema = z.object({
  number: z.number(),
  status: z.string(),
  channel: z.string(),
  category: named,
  district: named.extend({ id: z.number() }).nullable(),
  office: named.extend({ id: z.number() }).nullable(),
  description: z.string(),
  address: z.string().nullable(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  flagged: z.boolean(),
  reopenCount: z.number(),
  photos: z.number(),
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deadlineAt: z.string().nullable(),
});

interface SummaryRow {
  number: number;
  status: string;
  channel: string;
  description: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  flagged: boolean;
  reopenCount: number;
  createdAt: Date;
  updatedAt: Date;
  deadlineAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  routedAt: Date | null;
  category: { code: string; name: string };
  district: { id: number; code: string; name: string } | null;
  office: { id: number; code: string; name: string } | null;
  _count: { photos: number };
}

export function reportSummary(row: SummaryRow, now: Date) {
  const location =
    row.latitude !== null && row.longitude !== null
      ? { latitude: row.latitude, longitude: row.longitude }
      : null;
  return {
    number: row.number,
    status: row.status,
    channel: row.channel,
    category: row.category,
    district: row.district,
    office: row.office,
    description: row.description,
    address: row.address,
    location,
    flagged: row.flagged,
    reopenCount: row.reopenCount,
    photos: row._count.photos,
    overdue: OPEN_WORK.has(row.status) && row.deadlineAt !== null && row.deadlineAt < now,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deadlineAt: row.deadlineAt?.toISOString() ?? null,
  };
}

interface DetailRow extends SummaryRow {
  events: Array<{
    type: string;
    fromStatus: string | null;
    toStatus: string;
    actorKind: string;
    text: string | null;
    createdAt: Date;
  }>;
  photos: Array<{
    position: number;
    storageKey: string | null;
    width: number | null;
    height: number | null;
  }>;
}

export function reportDetail(row: DetailRow, now: Date, map: string | null) {
  return {
    ...reportSummary(row, now),
    routedAt: row.routedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    mapLink: map,
    photos: row.photos.map((photo) => ({
      position: photo.position,
      width: photo.width,
      height: photo.height,
      url: photo.storageKey ? `/api/v1/reports/${row.number}/photos/${photo.position}` : null,
    })),
    history: row.events.map((event) => ({
      type: event.type,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      actor: event.actorKind,
      text: event.text,
      at: event.createdAt.toISOString(),
    })),
  };
}
