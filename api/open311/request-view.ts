import { z } from 'zod';
import type { Translate } from '../../core/i18n/index.ts';
import { formatCityDate } from '../../core/text/dates.ts';
import type { ReportStatus } from '../../generated/prisma/enums.ts';
import { NOTE_EVENTS, open311Status } from './status.ts';

/**
 * A report as an Open311 service request. Nothing here names its resident: no platform ids,
 * no chat ids, no account; only the problem, its place, the office and the office's words.
 */
export const REQUEST_SELECT = {
  number: true,
  status: true,
  description: true,
  address: true,
  latitude: true,
  longitude: true,
  createdAt: true,
  updatedAt: true,
  deadlineAt: true,
  category: { select: { code: true, name: true } },
  office: { select: { name: true } },
  // The first photo we hold a copy of: the only one the API can serve.
  // LIMITATION: the link is the admin API's, which asks for a bearer token; a public copy (a
  // signed, expiring address) would let any Open311 client show the photo.
  photos: {
    where: { storageKey: { not: null } },
    orderBy: { position: 'asc' },
    take: 1,
    select: { position: true },
  },
  events: {
    where: { type: { in: NOTE_EVENTS }, text: { not: null } },
    orderBy: { id: 'desc' },
    take: 1,
    select: { text: true },
  },
} as const;

export interface RequestRow {
  number: number;
  status: ReportStatus;
  description: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  createdAt: Date;
  updatedAt: Date;
  deadlineAt: Date | null;
  category: { code: string; name: string };
  office: { name: string } | null;
  photos: Array<{ position: number }>;
  events: Array<{ text: string | null }>;
}

export const requestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string().optional(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().optional(),
});

export type ServiceRequest = z.infer<typeof requestSchema>;

/** `origin` ("https://city.example") makes the photo's address absolute. */
export function serviceRequestOf(row: RequestRow, t: Translate, origin: string): ServiceRequest {
  const photo = row.photos[0];
  return {
    service_request_id: String(row.number),
    status: open311Status(row.status),
    status_notes: row.events[0]?.text ?? null,
    service_name: row.category.name,
    service_code: row.category.code,
    // The resident's own words and a typed address (perhaps their home) are not published:
    // the consent residents give says so. The place is shown to about a hundred metres.
    agency_responsible: row.office?.name ?? null,
    service_notice: noticeOf(row, t),
    requested_datetime: row.createdAt.toISOString(),
    updated_datetime: row.updatedAt.toISOString(),
    expected_datetime: row.deadlineAt?.toISOString() ?? null,
    address: null,
    lat: roughly(row.latitude),
    long: roughly(row.longitude),
    ...(photo
      ? { media_url: `${origin}/api/v1/reports/${row.number}/photos/${photo.position}` }
      : {}),
  };
}

/** Three decimals of a degree: about 110 m north-south, enough to find a pothole. */
function roughly(degrees: number | null): number | null {
  return degrees === null ? null : Math.round(degrees * 1000) / 1000;
}

function noticeOf(row: RequestRow, t: Translate): string {
  const status = t(`status-${row.status}`);
  if (open311Status(row.status) === 'open' && row.deadlineAt) {
    return t('open311-notice-deadline', { status, deadline: formatCityDate(row.deadlineAt) });
  }
  return t('open311-notice', { status });
}
