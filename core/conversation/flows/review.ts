import { actOnReport } from '../../reports/act.ts';
import { mediaRefsOf } from '../../reports/media-refs.ts';
import { actorOf } from '../../staff/officials.ts';
import { buildReportCard } from '../../staff/report-card.ts';
import { viewButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { StaffState } from '../state.ts';
import type { InlineButton, Outgoing } from '../types.ts';
import { notStaff, refused, reportGone } from './staff-common.ts';

const PAGE_SIZE = 8;
const GRADERS = ['moderator', 'admin'];

/**
 * Activists (moderators) check offices' answers: `/review` lists answered reports whose latest
 * answer nobody graded yet, oldest first; each opens with the answer and two buttons, "good"
 * and "return", the latter asking for a comment that goes back to the office.
 */
export async function showReviewQueue(ctx: FlowContext): Promise<FlowResult> {
  const { official, t, services } = ctx;
  if (!official || !GRADERS.includes(official.role)) {
    return { state: ctx.state, messages: [{ text: t('review-not-moderator') }] };
  }
  const rows = await services.db.$queryRaw<Array<{ id: number; number: number }>>`
    SELECT r.id, r.number FROM "Report" r
    WHERE r.status IN ('answered', 'resolved') AND NOT EXISTS (
      SELECT 1 FROM "ReportEvent" g
      WHERE g.report_id = r.id AND g.type IN ('answer_graded_good', 'answer_returned')
        AND g.id > (SELECT max(a.id) FROM "ReportEvent" a
                    WHERE a.report_id = r.id
                      AND a.type IN ('answered_interim', 'answered_final')))
    ORDER BY r.updated_at ASC, r.id ASC
    LIMIT ${PAGE_SIZE}`;
  if (rows.length === 0) return { state: ctx.state, messages: [{ text: t('review-empty') }] };

  const buttons: InlineButton[][] = [];
  for (let i = 0; i < rows.length; i += 4) {
    buttons.push(
      rows.slice(i, i + 4).map((row) => ({
        label: t('my-reports-open', { number: row.number }),
        payload: viewButton('answer-card', String(row.id)),
      })),
    );
  }
  return { state: ctx.state, messages: [{ text: t('review-title'), inline: buttons }] };
}

/** A report with its latest answer, for grading. */
export async function showAnswerForReview(ctx: FlowContext, reportId: number): Promise<FlowResult> {
  const { official, t, services } = ctx;
  if (!official || !GRADERS.includes(official.role)) return notStaff(ctx);
  const answer = await services.db.reportEvent.findFirst({
    where: { reportId, type: { in: ['answered_interim', 'answered_final'] } },
    orderBy: { id: 'desc' },
    select: { text: true, createdAt: true, data: true },
  });
  const card = await buildReportCard(services.db, t, reportId, {
    headline: 'view',
    viewer: actorOf(official),
    now: services.now(),
  });
  if (!card || !answer) return reportGone(ctx);
  const photos = mediaRefsOf((answer.data as { photos?: unknown } | null)?.photos);
  const review: Outgoing = {
    text: t('review-answer', { text: answer.text ?? '' }),
    inline: [
      [
        { label: t('review-good'), payload: viewButton('good', String(reportId)) },
        { label: t('review-return'), payload: viewButton('return', String(reportId)) },
      ],
    ],
    ...(photos.length > 0 ? { photos } : {}),
  };
  // The card's own buttons are the office's; a moderator grades from the answer's.
  return { state: ctx.state, messages: [...card.map(({ inline: _, ...rest }) => rest), review] };
}

/** "Good": the grade is recorded; "return" asks for the comment the office will read. */
export async function gradeAnswer(
  ctx: FlowContext,
  grade: 'good' | 'return',
  reportId: number,
): Promise<FlowResult> {
  const { official, t, services } = ctx;
  if (!official || !GRADERS.includes(official.role)) return notStaff(ctx);
  const report = await services.db.report.findUnique({
    where: { id: reportId },
    select: { number: true },
  });
  if (!report) return reportGone(ctx);
  if (grade === 'return') {
    const state: StaffState = {
      screen: 'staff',
      ...(ctx.state.locale ? { locale: ctx.state.locale } : {}),
      task: 'return',
      reportId,
      number: report.number,
      photos: [],
    };
    return { state, messages: [{ text: t('staff-ask-return', { number: report.number }) }] };
  }
  const outcome = await actOnReport(
    services.db,
    { calendar: services.calendar, now: services.now() },
    reportId,
    { type: 'grade_good' },
    actorOf(official),
  );
  if (!outcome.ok) return refused(ctx, outcome);
  return { state: ctx.state, messages: [{ text: t('review-graded', { number: report.number }) }] };
}
