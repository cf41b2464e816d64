import type { Translate } from '../../i18n/index.ts';
import { findResidentReport, listResidentReports, type ReportView } from '../../reports/reports.ts';
import { formatCityDate } from '../../text/dates.ts';
import { viewButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { InlineButton, Outgoing } from '../types.ts';
import { placeText } from './report-prompts.ts';

const PAGE_SIZE = 5;

/** One page of the resident's reports, newest first, each a button to its detail. */
export async function showMyReports(ctx: FlowContext, page: number): Promise<FlowResult> {
  const { t, resident, services } = ctx;
  if (!resident) return { state: ctx.state, messages: [{ text: t('my-reports-empty') }] };

  const first = await listResidentReports(services.db, resident.id, Math.max(page, 1), PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
  if (first.total === 0) return { state: ctx.state, messages: [{ text: t('my-reports-empty') }] };

  // A page that no longer exists (reports are never deleted, but be safe) shows the last one.
  const current = Math.min(Math.max(page, 1), pages);
  const { reports } =
    current === page
      ? first
      : await listResidentReports(services.db, resident.id, current, PAGE_SIZE);

  const lines = reports.map((report) =>
    t('my-reports-line', {
      number: report.number,
      date: formatDate(report.createdAt),
      category: report.categoryName,
      status: t(`status-${report.status}`),
    }),
  );
  const text = [t('my-reports-title', { page: current, pages }), ...lines].join('\n');
  return {
    state: ctx.state,
    messages: [{ text, inline: pageButtons(t, reports, current, pages) }],
  };
}

function pageButtons(
  t: Translate,
  reports: ReportView[],
  page: number,
  pages: number,
): InlineButton[][] {
  const rows: InlineButton[][] = [];
  for (let i = 0; i < reports.length; i += 3) {
    rows.push(
      reports.slice(i, i + 3).map((report) => ({
        label: t('my-reports-open', { number: report.number }),
        payload: viewButton('open', String(report.number)),
      })),
    );
  }
  const nav: InlineButton[] = [];
  if (page > 1)
    nav.push({ label: t('my-reports-prev'), payload: viewButton('page', String(page - 1)) });
  if (page < pages)
    nav.push({ label: t('my-reports-next'), payload: viewButton('page', String(page + 1)) });
  if (nav.length > 0) rows.push(nav);
  return rows;
}

/** A report's detail, with its photos where the platform can show them. */
export async function showReport(ctx: FlowContext, number: number): Promise<FlowResult> {
  const { t, resident, services } = ctx;
  const report = resident ? await findResidentReport(services.db, resident.id, number) : null;
  if (!report) return { state: ctx.state, messages: [{ text: t('my-reports-not-found') }] };

  // A photo's file reference only works on the platform that issued it.
  const photos = report.photos
    .filter((photo) => photo.channel === ctx.incoming.channel)
    .map((photo) => photo.fileId);
  const message: Outgoing = {
    text: t('my-report-detail', {
      number: report.number,
      status: t(`status-${report.status}`),
      category: report.categoryName,
      place: placeText(t, {
        photos: [],
        ...(report.address ? { address: report.address } : {}),
        ...(report.districtName ? { districtName: report.districtName } : {}),
        ...(report.point ? { point: report.point } : {}),
      }),
      date: formatDate(report.createdAt),
      photos: report.photos.length,
      description: report.description,
    }),
    inline: [[{ label: t('my-reports-back'), payload: viewButton('page', '1') }]],
    ...(photos.length > 0 ? { photos } : {}),
  };
  return { state: ctx.state, messages: [message] };
}

/** Yakutsk dates, so "submitted on" is the resident's own date. */
const formatDate = formatCityDate;
