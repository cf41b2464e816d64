import { z } from 'zod';
import { type HearingStatus, phaseOf } from '../../../core/hearings/hearings.ts';
import type { StaffRole } from '../../../generated/prisma/enums.ts';
import { dbId, isoMoment } from './ids.ts';

/**
 * Hearings are public: every member of staff may read them (an official answering residents
 * should know what is under discussion). Running them, and anything with residents' names,
 * addresses and phones, is for organisers and admins.
 */
export const HEARING_READERS: StaffRole[] = [
  'official',
  'head',
  'dispatcher',
  'moderator',
  'operator',
  'organiser',
  'admin',
];
export const HEARING_ORGANISERS: StaffRole[] = ['organiser', 'admin'];

/** Said in the OpenAPI document of the routes that read hearings. */
export const READERS_NOTE =
  'Every staff role may read hearings: they are public. Creating, changing, cancelling and ' +
  'concluding them, and reading residents’ comments, is for organisers and admins.';

export const idParams = z.object({ id: dbId });

/** A link residents open: http(s) only, so no "javascript:" reaches a chat. */
export const webLink = z.url({ protocol: /^https?$/ }).max(2000);

export const TITLE_MAX = 300;
export const TEXT_MAX = 10_000;

export const hearingFields = z.object({
  title: z.string().trim().min(3).max(TITLE_MAX),
  description: z.string().trim().min(1).max(TEXT_MAX),
  materialsUrl: webLink.nullable().optional(),
  districtCode: z.string().max(64).nullable().optional(),
  commentsFrom: isoMoment,
  commentsUntil: isoMoment,
});

export const hearingView = z.object({
  id: z.number(),
  title: z.string(),
  description: z.string(),
  materialsUrl: z.string().nullable(),
  districtCode: z.string().nullable(),
  commentsFrom: z.string(),
  commentsUntil: z.string(),
  status: z.enum(['announced', 'concluded', 'cancelled']),
  /** Where it stands now: upcoming, open (comments taken), closed, concluded, cancelled. */
  phase: z.enum(['upcoming', 'open', 'closed', 'concluded', 'cancelled']),
  commentCount: z.number(),
  outcome: z.string().nullable(),
  outcomeUrl: z.string().nullable(),
  concludedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const HEARING_SELECT = {
  id: true,
  title: true,
  description: true,
  materialsUrl: true,
  commentsFrom: true,
  commentsUntil: true,
  status: true,
  commentCount: true,
  outcome: true,
  outcomeUrl: true,
  concludedAt: true,
  createdAt: true,
  updatedAt: true,
  district: { select: { code: true } },
} as const;

interface HearingRow {
  id: number;
  title: string;
  description: string;
  materialsUrl: string | null;
  commentsFrom: Date;
  commentsUntil: Date;
  status: HearingStatus;
  commentCount: number;
  outcome: string | null;
  outcomeUrl: string | null;
  concludedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  district: { code: string } | null;
}

export function hearingViewOf(row: HearingRow, now: Date): z.infer<typeof hearingView> {
  const { district, ...hearing } = row;
  return {
    ...hearing,
    districtCode: district?.code ?? null,
    commentsFrom: row.commentsFrom.toISOString(),
    commentsUntil: row.commentsUntil.toISOString(),
    phase: phaseOf(row, now),
    concludedAt: row.concludedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
