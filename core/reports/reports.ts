import type { ReportStatus } from '../../generated/prisma/enums.ts';
import type { Channel, GeoPoint, PhotoRef } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import { addToOutbox } from '../jobs/outbox.ts';
import { JOBS, QUEUES } from '../jobs/queues.ts';
import { MAX_PHOTOS } from './rules.ts';

export interface NewReport {
  residentId: number;
  channel: Channel;
  categoryCode: string;
  suggestion?: { categoryCode: string; score: number };
  description: string;
  point?: GeoPoint;
  address?: string;
  districtId?: number;
  photos: PhotoRef[];
}

/** A report as its resident sees it. */
export interface ReportView {
  id: number;
  number: number;
  status: ReportStatus;
  categoryName: string;
  description: string;
  point: GeoPoint | null;
  address: string | null;
  districtName: string | null;
  officeName: string | null;
  deadlineAt: Date | null;
  createdAt: Date;
  photos: { fileId: string; channel: Channel }[];
}

/**
 * Files a report with its photos and its first history event, and queues its routing (and the
 * copying of its photos) in the same transaction; returns the ticket number the resident sees.
 */
export async function createReport(
  db: Db,
  report: NewReport,
): Promise<{ id: number; number: number }> {
  const category = await db.category.findUniqueOrThrow({ where: { code: report.categoryCode } });
  const photos = report.photos.slice(0, MAX_PHOTOS);

  const filed = await db.report.create({
    data: {
      residentId: report.residentId,
      channel: report.channel,
      categoryId: category.id,
      suggestedCategory: report.suggestion?.categoryCode ?? null,
      suggestedScore: report.suggestion?.score ?? null,
      description: report.description,
      latitude: report.point?.latitude ?? null,
      longitude: report.point?.longitude ?? null,
      address: report.address ?? null,
      districtId: report.districtId ?? null,
      photos: {
        create: photos.map((photo, position) => ({
          position,
          channel: report.channel,
          fileId: photo.fileId,
          fileUniqueId: photo.fileUniqueId ?? null,
          width: photo.width ?? null,
          height: photo.height ?? null,
          fileSize: photo.fileSize ?? null,
          sourceUrl: photo.sourceUrl ?? null,
        })),
      },
    },
    select: { id: true, number: true },
  });
  await db.reportEvent.create({
    data: {
      reportId: filed.id,
      type: 'created',
      toStatus: 'new',
      actorKind: 'resident',
      actorId: report.residentId,
    },
  });
  await addToOutbox(db, {
    queue: QUEUES.routing,
    name: JOBS.routeReport,
    payload: { reportId: filed.id },
  });
  if (photos.length > 0) {
    // Copies the photos into our own storage, so any channel and the admin API can show them.
    await addToOutbox(db, {
      queue: QUEUES.media,
      name: JOBS.storePhotos,
      payload: { reportId: filed.id },
    });
  }
  return filed;
}

const viewSelect = {
  id: true,
  number: true,
  status: true,
  description: true,
  latitude: true,
  longitude: true,
  address: true,
  createdAt: true,
  deadlineAt: true,
  category: { select: { name: true } },
  district: { select: { name: true } },
  office: { select: { name: true } },
  photos: { select: { fileId: true, channel: true }, orderBy: { position: 'asc' as const } },
} as const;

type ViewRow = {
  id: number;
  number: number;
  status: ReportStatus;
  description: string;
  latitude: number | null;
  longitude: number | null;
  address: string | null;
  createdAt: Date;
  deadlineAt: Date | null;
  category: { name: string };
  district: { name: string } | null;
  office: { name: string } | null;
  photos: { fileId: string; channel: Channel }[];
};

function toView(row: ViewRow): ReportView {
  const point =
    row.latitude !== null && row.longitude !== null
      ? { latitude: row.latitude, longitude: row.longitude }
      : null;
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    categoryName: row.category.name,
    description: row.description,
    point,
    address: row.address,
    districtName: row.district?.name ?? null,
    officeName: row.office?.name ?? null,
    deadlineAt: row.deadlineAt,
    createdAt: row.createdAt,
    photos: row.photos,
  };
}

/** One page of a resident's reports, newest first. Pages count from 1. */
export async function listResidentReports(
  db: Db,
  residentId: number,
  page: number,
  pageSize: number,
): Promise<{ reports: ReportView[]; total: number }> {
  // One after the other: inside a transaction both queries share one connection.
  const total = await db.report.count({ where: { residentId } });
  const rows = await db.report.findMany({
    where: { residentId },
    orderBy: [{ createdAt: 'desc' }, { number: 'desc' }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: viewSelect,
  });
  return { reports: rows.map(toView), total };
}

/** A resident's own report by its number; another resident's report is simply not found. */
export async function findResidentReport(
  db: Db,
  residentId: number,
  number: number,
): Promise<ReportView | null> {
  const row = await db.report.findFirst({ where: { residentId, number }, select: viewSelect });
  return row ? toView(row) : null;
}
