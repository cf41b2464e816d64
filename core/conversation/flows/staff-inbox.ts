import type { Prisma } from '../../../generated/prisma/client.ts';
import type { ReportStatus } from '../../../generated/prisma/enums.ts';
import { actorOf, type Official } from '../../staff/officials.ts';
import { buildReportCard } from '../../staff/report-card.ts';
import { formatCityDate } from '../../text/dates.ts';
import { viewButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { InlineButton } from '../types.ts';
import { notStaff, reportForStaff, reportGone } from './staff-common.ts';

const PAGE_SIZE = 8;
/** Work an office still owes: a resolved report waits for its resident, not for the office. */
const WORK_STATUSES: ReportStatus[] = ['routed', 'in_progress', 'answered', 'reopened'];

/**
 * `/inbox`: the open work of the official's office (every office for dispatchers and admins),
 * overdue first, then by deadline; each report a button to its card.
 */
export async function showInbox(ctx: FlowContext, page: number): Promise<FlowResult> {
  const { official, t, services } = ctx;
  if (!official || official.role === 'moderator') {
    return { state: ctx.state, messages: [{ text: t('inbox-not-staff') }] };
  }
  const where = inboxFilter(official);
  const total = await services.db.report.count({ where });
  if (total === 0) return { state: ctx.state, messages: [{ text: t('inbox-empty') }] };

  const pages = Math.ceil(total / PAGE_SIZE);
  const current = Math.min(Math.max(page, 1), pages);
  const reports = await services.db.report.findMany({
    where,
    // Nulls last: a report without a deadline (the dispatcher's) after every dated one.
    orderBy: [{ deadlineAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    skip: (current - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: {
      id: true,
      number: true,
      status: true,
      deadlineAt: true,
      category: { select: { name: true } },
    },
  });
  const now = services.now();
  const overdue = await services.db.report.count({ where: { ...where, deadlineAt: { lt: now } } });
  const lines = reports.map((report) =>
    t(report.deadlineAt && report.deadlineAt < now ? 'inbox-line-overdue' : 'inbox-line', {
      number: report.number,
      category: report.category.name,
      status: t(`status-${report.status}`),
      deadline: report.deadlineAt ? formatCityDate(report.deadlineAt) : '—',
    }),
  );
  const header = t('inbox-title', { total, overdue, page: current, pages });
  return {
    state: ctx.state,
    messages: [
      { text: [header, ...lines].join('\n'), inline: inboxButtons(ctx, reports, current, pages) },
    ],
  };
}

function inboxFilter(official: Official): Prisma.ReportWhereInput {
  const open = { status: { in: WORK_STATUSES } };
  if (official.role === 'official' || official.role === 'head') {
    return { ...open, officeId: official.officeId ?? -1 };
  }
  return open;
}

function inboxButtons(
  ctx: FlowContext,
  reports: Array<{ id: number; number: number }>,
  page: number,
  pages: number,
): InlineButton[][] {
  const rows: InlineButton[][] = [];
  for (let i = 0; i < reports.length; i += 4) {
    rows.push(
      reports.slice(i, i + 4).map((report) => ({
        label: ctx.t('my-reports-open', { number: report.number }),
        payload: viewButton('card', String(report.id)),
      })),
    );
  }
  const nav: InlineButton[] = [];
  if (page > 1)
    nav.push({ label: ctx.t('inbox-prev'), payload: viewButton('inbox', String(page - 1)) });
  if (page < pages)
    nav.push({ label: ctx.t('inbox-next'), payload: viewButton('inbox', String(page + 1)) });
  if (nav.length > 0) rows.push(nav);
  return rows;
}

/** A report's card for the member of staff who opened it, with what they may do now. */
export async function showCard(ctx: FlowContext, reportId: number): Promise<FlowResult> {
  const { official, services } = ctx;
  if (!official) return notStaff(ctx);
  const report = await reportForStaff(ctx, official, reportId);
  if (!report) return reportGone(ctx);
  const card = await buildReportCard(services.db, ctx.t, reportId, {
    headline: 'view',
    viewer: actorOf(official),
    now: services.now(),
  });
  if (!card) return reportGone(ctx);
  return { state: ctx.state, messages: card };
}
