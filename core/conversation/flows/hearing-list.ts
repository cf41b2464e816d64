import { formatCityMoment } from '../../hearings/format.ts';
import {
  findHearing,
  type HearingPhase,
  type HearingView,
  hearingsForResidents,
  phaseOf,
} from '../../hearings/hearings.ts';
import { OPEN_HEARING_ACTION } from '../../hearings/updates.ts';
import type { Translate } from '../../i18n/index.ts';
import { viewButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { InlineButton } from '../types.ts';

const PAGE_SIZE = 6;
/** A title on a button is cut to this; the hearing's card shows it whole. */
const TITLE_CHARS = 50;

/** How each phase is marked in the list and on its buttons. */
const MARKS: Record<HearingPhase, string> = {
  open: '🟢',
  upcoming: '🕒',
  closed: '⏸',
  concluded: '📄',
  cancelled: '✖',
};

/**
 * The hearings residents can follow: open ones first, those coming soon marked, then the
 * recently finished (to read their outcome). Reading needs no consent: hearings are public.
 */
export async function showHearings(ctx: FlowContext, page: number): Promise<FlowResult> {
  const { t, services } = ctx;
  const now = services.now();
  const hearings = await hearingsForResidents(services.db, now);
  if (hearings.length === 0)
    return { state: ctx.state, messages: [{ text: t('hearing-list-empty') }] };

  const pages = Math.ceil(hearings.length / PAGE_SIZE);
  const current = Math.min(Math.max(page, 1), pages);
  const shown = hearings.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const lines = shown.map((hearing) => {
    const phase = phaseOf(hearing, now);
    return `${MARKS[phase]} ${t(`hearing-line-${phase}`, periodArgs(hearing))}`;
  });
  const rows: InlineButton[][] = shown.map((hearing) => [
    {
      label: `${MARKS[phaseOf(hearing, now)]} ${cut(hearing.title)}`,
      payload: viewButton(OPEN_HEARING_ACTION, String(hearing.id)),
    },
  ]);
  const nav: InlineButton[] = [];
  if (current > 1) nav.push(pageButton(t('hearing-list-prev'), current - 1));
  if (current < pages) nav.push(pageButton(t('hearing-list-next'), current + 1));
  if (nav.length > 0) rows.push(nav);

  const text = [t('hearing-list-title'), '', ...lines, '', t('hearing-list-hint')].join('\n');
  return { state: ctx.state, messages: [{ text, inline: rows }] };
}

/** One hearing: what it is about, its materials, its period in city time, its outcome. */
export async function showHearing(ctx: FlowContext, id: number): Promise<FlowResult> {
  const { t, services } = ctx;
  const hearing = await findHearing(services.db, id);
  if (!hearing) return { state: ctx.state, messages: [{ text: t('hearing-not-found') }] };

  const phase = phaseOf(hearing, services.now());
  const rows: InlineButton[][] = [];
  if (phase === 'open') {
    rows.push([
      { label: t('hearing-button-comment'), payload: viewButton('hear-comment', String(id)) },
      { label: t('hearing-button-proposal'), payload: viewButton('hear-proposal', String(id)) },
    ]);
  }
  rows.push([{ label: t('hearing-button-list'), payload: viewButton('hear-list', '1') }]);
  return { state: ctx.state, messages: [{ text: cardText(t, hearing, phase), inline: rows }] };
}

function cardText(t: Translate, hearing: HearingView, phase: HearingPhase): string {
  const args = periodArgs(hearing);
  const lines = [
    `🏛 ${hearing.title}`,
    `${MARKS[phase]} ${t(`hearing-phase-${phase}`, args)}`,
    t('hearing-card-period', args),
    '',
    hearing.description,
  ];
  if (hearing.materialsUrl)
    lines.push('', t('hearing-card-materials', { url: hearing.materialsUrl }));
  lines.push('', t('hearing-card-count', { count: hearing.commentCount }));
  if (phase === 'concluded' && hearing.outcome) {
    lines.push('', t('hearing-card-outcome', { outcome: hearing.outcome }));
    if (hearing.outcomeUrl) lines.push(t('hearing-outcome-link', { url: hearing.outcomeUrl }));
  }
  if (phase === 'cancelled' && hearing.outcome) {
    lines.push('', t('hearing-card-cancel-reason', { reason: hearing.outcome }));
  }
  return lines.join('\n');
}

function periodArgs(hearing: HearingView) {
  return {
    title: hearing.title,
    from: formatCityMoment(hearing.commentsFrom),
    until: formatCityMoment(hearing.commentsUntil),
  };
}

function pageButton(label: string, page: number): InlineButton {
  return { label, payload: viewButton('hear-list', String(page)) };
}

function cut(title: string): string {
  const chars = [...title];
  return chars.length <= TITLE_CHARS ? title : `${chars.slice(0, TITLE_CHARS - 1).join('')}…`;
}
