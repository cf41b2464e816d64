import type { Translate } from '../../i18n/index.ts';
import { type OfficeStats, officeStats } from '../../reports/office-stats.ts';
import { formatCityDate } from '../../text/dates.ts';
import type { FlowContext, FlowResult } from '../context.ts';

const PERIOD_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `/stats`: the last 30 days of an office — what came in, what was solved, reopened, graded,
 * and how fast. A head sees their office; dispatchers and admins every office with activity.
 */
export async function showStats(ctx: FlowContext): Promise<FlowResult> {
  const { official, t, services } = ctx;
  const role = official?.role;
  if (!official || (role !== 'head' && role !== 'dispatcher' && role !== 'admin')) {
    return { state: ctx.state, messages: [{ text: t('stats-not-allowed') }] };
  }
  const now = services.now();
  const from = new Date(now.getTime() - PERIOD_DAYS * DAY_MS);
  const rows = await officeStats(services.db, {
    from,
    to: now,
    now,
    ...(role === 'head' && official.officeId !== null ? { officeId: official.officeId } : {}),
  });
  const active = rows.filter((row) => role === 'head' || row.received + row.overdueNow > 0);
  const header = t('stats-title', { from: formatCityDate(from), to: formatCityDate(now) });
  if (active.length === 0)
    return { state: ctx.state, messages: [{ text: `${header}\n\n${t('stats-empty')}` }] };
  // LIMITATION: a long list is one message split by the adapter; the admin API (issue 5) is
  // where a city reads all offices side by side.
  const blocks = active.map((row) => block(t, row));
  return { state: ctx.state, messages: [{ text: [header, ...blocks].join('\n\n') }] };
}

function block(t: Translate, row: OfficeStats): string {
  return t('stats-office', {
    office: row.officeName,
    received: row.received,
    resolved: row.resolved,
    reopened: row.reopened,
    overdue: row.overdueNow,
    median: row.medianHoursToFirstAnswer === null ? '—' : row.medianHoursToFirstAnswer.toFixed(1),
    inTime:
      row.answeredInTimeShare === null ? '—' : `${Math.round(row.answeredInTimeShare * 100)}%`,
    good: row.gradedGood,
    returned: row.answersReturned,
  });
}
