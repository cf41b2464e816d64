import type { Translate } from '../../i18n/index.ts';
import { type HistoryStep, residentHistory } from '../../reports/history.ts';
import { OPEN_STATUSES } from '../../reports/lifecycle.ts';
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
    inline: [
      ...followupButtons(t, report),
      [{ label: t('my-reports-back'), payload: viewButton('page', '1') }],
    ],
    ...(photos.length > 0 ? { photos } : {}),
  };
  const history = await residentHistory(services.db, report.id);
  return { state: ctx.state, messages: [withProgress(t, message, report, history)] };
}

/** Who has it, by when, and what the offices said: the part a resident checks for. */
function withProgress(
  t: Translate,
  message: Outgoing,
  report: ReportView,
  history: HistoryStep[],
): Outgoing {
  const lines = [message.text];
  if (report.officeName) lines.push(t('my-report-office', { office: report.officeName }));
  if (report.deadlineAt && OPEN_STATUSES.includes(report.status)) {
    lines.push(t('my-report-deadline', { date: formatDate(report.deadlineAt) }));
  }
  if (history.length > 0) {
    lines.push('', t('my-report-history'));
    for (const step of history) {
      const what = t(`history-${step.type.replaceAll('_', '-')}`);
      const said = step.text ? `: ${step.text}` : '';
      lines.push(`${formatDate(step.at)} — ${what}${said}`);
    }
  }
  return { ...message, text: lines.join('\n') };
}

/** A resolved report still waits for the resident's word, should they have missed the question. */
function followupButtons(t: Translate, report: ReportView): InlineButton[][] {
  if (report.status !== 'resolved') return [];
  const id = String(report.id);
  return [
    [
      { label: t('followup-yes'), payload: viewButton('fixed', id) },
      { label: t('followup-no'), payload: viewButton('notfixed', id) },
    ],
  ];
}

/** Yakutsk dates, so "submitted on" is the resident's own date. */
const formatDate = formatCityDate;
