import { ownRating, rateOfficialReport } from '../../official-reports/ratings.ts';
import {
  countOfficialReports,
  listOfficialReports,
  type OfficialReportView,
  readOfficialReport,
} from '../../official-reports/read.ts';
import { formatCityDate } from '../../text/dates.ts';
import { viewButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { InlineButton } from '../types.ts';
import { afterConsent } from './menu.ts';
import {
  idFrom,
  isReportingStaff,
  needConsent,
  ratingText,
  short,
  unknownButton,
} from './official-report-common.ts';

const PAGE_SIZE = 5;
/** Answered questions shown under a report: the latest ones, so the message stays readable. */
const SHOWN_ANSWERS = 10;
const TITLE_CHARS = 60;
const STARS = [1, 2, 3, 4, 5];

/** Officials' reports, newest first, a page at a time; each a button to read it. */
export async function showOfficialReports(ctx: FlowContext, page: number): Promise<FlowResult> {
  const { t, services } = ctx;
  const hint = isReportingStaff(ctx) ? [t('oreport-staff-hint')] : [];
  const total = await countOfficialReports(services.db);
  if (total === 0) {
    return {
      state: ctx.state,
      messages: [{ text: [t('oreport-list-empty'), ...hint].join('\n\n') }],
    };
  }
  const pages = Math.ceil(total / PAGE_SIZE);
  const current = Math.min(Math.max(page, 1), pages);
  const reports = await listOfficialReports(services.db, {
    skip: (current - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  const lines = reports.map((report) =>
    t('oreport-list-line', {
      id: String(report.id),
      title: report.title,
      office: report.office?.name ?? t('oreport-no-office'),
      date: formatCityDate(report.publishedAt),
      rating: ratingText(ctx, report.rating),
    }),
  );
  const rows: InlineButton[][] = reports.map((report) => [
    {
      label: short(
        t('oreport-list-open', { id: String(report.id), title: report.title }),
        TITLE_CHARS,
      ),
      payload: viewButton('orep-open', String(report.id)),
    },
  ]);
  const nav: InlineButton[] = [];
  if (current > 1) nav.push(pageButton(ctx, 'oreport-prev', current - 1));
  if (current < pages) nav.push(pageButton(ctx, 'oreport-next', current + 1));
  if (nav.length > 0) rows.push(nav);

  const text = [t('oreport-list-title', { page: current, pages }), ...lines, ...hint].join('\n\n');
  return { state: ctx.state, messages: [{ text, inline: rows }] };
}

function pageButton(ctx: FlowContext, key: string, page: number): InlineButton {
  return { label: ctx.t(key), payload: viewButton('orep-list', String(page)) };
}

/** One report: its text, links written out, the office, the rating and the answers given. */
export async function showOfficialReport(ctx: FlowContext, id: number): Promise<FlowResult> {
  const { t, services, resident } = ctx;
  const report = await readOfficialReport(services.db, id, SHOWN_ANSWERS);
  if (!report) return { state: ctx.state, messages: [{ text: t('oreport-not-found') }] };
  const own = resident ? await ownRating(services.db, id, resident.id) : null;

  const rated = STARS.map((stars) => ({
    label: '⭐'.repeat(stars),
    payload: viewButton('orep-rate', `${report.id}-${stars}`),
  }));
  const inline: InlineButton[][] = [
    [{ label: t('oreport-ask'), payload: viewButton('orep-ask', String(report.id)) }],
    rated,
    [{ label: t('oreport-back-to-list'), payload: viewButton('orep-list', '1') }],
  ];
  return { state: ctx.state, messages: [{ text: detailText(ctx, report, own), inline }] };
}

function detailText(ctx: FlowContext, report: OfficialReportView, own: number | null): string {
  const { t } = ctx;
  const head = t('oreport-detail-head', {
    id: String(report.id),
    title: report.title,
    office: report.office?.name ?? t('oreport-no-office'),
    date: formatCityDate(report.publishedAt),
  });
  const links = [
    ...(report.videoUrl ? [t('oreport-video', { url: report.videoUrl })] : []),
    ...(report.documentUrl ? [t('oreport-document', { url: report.documentUrl })] : []),
  ];
  const rating = [
    ratingText(ctx, report.rating),
    ...(own === null ? [] : [t('oreport-own-rating', { rating: own })]),
  ];
  const parts = [head, report.text];
  if (links.length > 0) parts.push(links.join('\n'));
  parts.push(rating.join('\n'), answersText(ctx, report));
  return parts.join('\n\n');
}

function answersText(ctx: FlowContext, report: OfficialReportView): string {
  const { t } = ctx;
  if (report.answered === 0) return t('oreport-no-answers');
  const lines = [t('oreport-answers-title', { count: report.answered })];
  for (const question of report.answeredQuestions) {
    lines.push(t('oreport-answer-line', { question: question.text, answer: question.answer }));
  }
  const hidden = report.answered - report.answeredQuestions.length;
  // LIMITATION: older answers beyond the latest ten are counted, not shown in the bot; a page
  // button through the answers would show them all.
  if (hidden > 0) lines.push(t('oreport-answers-more', { count: hidden }));
  return lines.join('\n\n');
}

/** A rating pressed under a report: "12-4" is report 12, four stars; a new one replaces it. */
export async function rate(ctx: FlowContext, arg: string | undefined): Promise<FlowResult> {
  const { t, resident, services } = ctx;
  const match = /^(\d{1,9})-(\d)$/.exec(arg ?? '');
  const id = idFrom(match?.[1]);
  if (!match || id === undefined) return unknownButton(ctx);
  if (!resident) return needConsent(ctx, afterConsent('orep-rate', `${id}-${match[2]}`));
  const outcome = await rateOfficialReport(services.db, {
    officialReportId: id,
    residentId: resident.id,
    rating: Number(match[2]),
  });
  if (!outcome.ok && outcome.reason === 'bad_rating') return unknownButton(ctx);
  if (!outcome.ok) return { state: ctx.state, messages: [], buttonNotice: t('oreport-not-found') };
  const { average, count } = outcome.summary;
  return {
    state: ctx.state,
    messages: [],
    buttonNotice: t('oreport-rated', { rating: outcome.rating, average: average ?? 0, count }),
  };
}
