import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { ReportStatus } from '../../generated/prisma/enums.ts';
import { badRequest } from './errors.ts';
import { CLOSED_STATUSES, OPEN_STATUSES } from './status.ts';

/** The spec's default window and its longest allowed span. */
const WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;
/** Most servers stop at 1000 requests a page; ours too, with `page` to go further. */
export const MAX_PAGE_SIZE = 1000;

/** "a,b,,c" -> ["a", "b", "c"], each checked by `item`. */
const commaList = <T>(item: z.ZodType<T, string>) =>
  z
    .string()
    .max(2000)
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));

const W3C_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A W3C date or date-time, such as 2026-01-31 or 2026-01-31T09:00:00+09:00. */
const w3cDate = z
  .string()
  // An unencoded "+09:00" arrives as " 09:00": the client meant the plus.
  .transform((value) => value.replace(/ (\d{2}:\d{2})$/, '+$1'))
  .pipe(z.string().regex(W3C_DATE, 'Expected a W3C date-time such as 2026-01-31T09:00:00+09:00'))
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()), 'Expected a W3C date-time');

export const listQuery = z.object({
  jurisdiction_id: z.string().max(100).optional(),
  service_request_id: commaList(z.string().regex(/^\d{1,9}$/, 'Expected request ids')).optional(),
  service_code: commaList(z.string().max(64)).optional(),
  start_date: w3cDate.optional().describe('W3C date-time; default: 90 days before end_date'),
  end_date: w3cDate.optional().describe('W3C date-time; default: now, or start_date + 90 days'),
  status: commaList(z.enum(['open', 'closed']))
    .optional()
    .describe('open, closed or both'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(MAX_PAGE_SIZE),
});

export type ListQuery = z.infer<typeof listQuery>;

/**
 * The reports a query asks for. Ids name reports outright and every other filter is ignored
 * (the spec says so); otherwise the dates default to the last 90 days and may span no more.
 */
export function whereOf(query: ListQuery, now: Date): Prisma.ReportWhereInput {
  if (query.service_request_id) {
    return { number: { in: query.service_request_id.map(Number) } };
  }
  const { from, to } = windowOf(query.start_date, query.end_date, now);
  return {
    createdAt: { gte: from, lte: to },
    ...(query.service_code ? { category: { code: { in: query.service_code } } } : {}),
    ...(query.status ? { status: { in: statusesOf(query.status) } } : {}),
  };
}

function windowOf(start: Date | undefined, end: Date | undefined, now: Date) {
  const span = WINDOW_DAYS * DAY_MS;
  const to = end ?? (start ? new Date(Math.min(start.getTime() + span, now.getTime())) : now);
  const from = start ?? new Date(to.getTime() - span);
  if (from > to) throw badRequest('start_date is after end_date');
  if (to.getTime() - from.getTime() > span) {
    throw badRequest(`start_date and end_date may be at most ${WINDOW_DAYS} days apart`);
  }
  return { from, to };
}

function statusesOf(wanted: Array<'open' | 'closed'>): ReportStatus[] {
  return [
    ...(wanted.includes('open') ? OPEN_STATUSES : []),
    ...(wanted.includes('closed') ? CLOSED_STATUSES : []),
  ];
}
