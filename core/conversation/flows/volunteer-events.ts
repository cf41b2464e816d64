import type { Translate } from '../../i18n/index.ts';
import { volunteerButton } from '../../volunteering/buttons.ts';
import {
  formatShortStart,
  seatsText,
  skillsText,
  whenAndWhere,
} from '../../volunteering/event-text.ts';
import {
  findEvent,
  listUpcomingEvents,
  type VolunteerEventView,
} from '../../volunteering/events.ts';
import { isGoing } from '../../volunteering/signups.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { InlineButton } from '../types.ts';

/** Five events a page: five buttons and a row to turn pages fit VK's six inline rows. */
const PAGE_SIZE = 5;
/** A title on a button is cut to this, after the date; VK shows 40 characters. */
const BUTTON_TITLE_CHARS = 24;

/** One page of the events residents can sign up for, the soonest first. */
export async function showVolunteerEvents(ctx: FlowContext, page: number): Promise<FlowResult> {
  const { t } = ctx;
  const requested = Math.max(page, 1);
  const first = await pageOf(ctx, requested);
  if (first.total === 0) {
    return {
      state: ctx.state,
      messages: [{ text: t('volunteer-none'), inline: [[mineButton(t)]] }],
    };
  }
  // A page emptied meanwhile (events started or were cancelled) shows the last one left.
  const pages = Math.ceil(first.total / PAGE_SIZE);
  const current = Math.min(requested, pages);
  const { events } = current === requested ? first : await pageOf(ctx, current);

  const offset = (current - 1) * PAGE_SIZE;
  const blocks = events.map((event, index) => summary(t, event, offset + index + 1));
  const text = [t('volunteer-list-title', { page: current, pages }), ...blocks].join('\n\n');
  const rows: InlineButton[][] = events.map((event) => [
    { label: buttonLabel(event), payload: volunteerButton('open', event.id) },
  ]);
  rows.push(navigation(t, current, pages));
  return { state: ctx.state, messages: [{ text, inline: rows }] };
}

/** An event's card, with the button that fits: sign up, give the seat back, or none. */
export async function showVolunteerEvent(ctx: FlowContext, id: number): Promise<FlowResult> {
  const { t, resident, services } = ctx;
  const event = await findEvent(services.db, id);
  const back = [backButton(t), mineButton(t)];
  if (!event || event.status === 'cancelled') {
    return { state: ctx.state, messages: [{ text: t('volunteer-event-gone'), inline: [back] }] };
  }
  const going = resident ? await isGoing(services.db, id, resident.id) : false;
  const upcoming = event.startsAt > services.now();

  const lines = [
    `🤝 ${event.title}`,
    event.description,
    '',
    whenAndWhere(t, event),
    seatsText(t, event),
    skillsText(t, event.skills),
  ];
  if (going) lines.push('', t('volunteer-you-are-going'));
  if (!upcoming) lines.push('', t('volunteer-started'));

  const rows: InlineButton[][] = [];
  if (upcoming && going) {
    rows.push([{ label: t('volunteer-cancel-seat'), payload: volunteerButton('leave', id) }]);
  } else if (upcoming && event.seatsLeft > 0) {
    rows.push([{ label: t('volunteer-sign-up'), payload: volunteerButton('join', id) }]);
  }
  rows.push(back);
  const text = lines.filter((line) => line !== undefined).join('\n');
  return { state: ctx.state, messages: [{ text, inline: rows }] };
}

export function mineButton(t: Translate): InlineButton {
  return { label: t('volunteer-mine-button'), payload: volunteerButton('mine') };
}

export function backButton(t: Translate): InlineButton {
  return { label: t('volunteer-back-to-list'), payload: volunteerButton('page', 1) };
}

function pageOf(ctx: FlowContext, page: number) {
  const { db, now } = ctx.services;
  return listUpcomingEvents(db, { now: now(), offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
}

function summary(t: Translate, event: VolunteerEventView, number: number): string {
  return [
    t('volunteer-list-item', { number, title: event.title }),
    whenAndWhere(t, event),
    seatsText(t, event),
    skillsText(t, event.skills),
  ]
    .filter((line) => line !== undefined)
    .join('\n');
}

function buttonLabel(event: VolunteerEventView): string {
  const chars = [...event.title];
  const title =
    chars.length <= BUTTON_TITLE_CHARS
      ? event.title
      : `${chars.slice(0, BUTTON_TITLE_CHARS - 1).join('')}…`;
  return `${formatShortStart(event.startsAt)} · ${title}`;
}

function navigation(t: Translate, page: number, pages: number): InlineButton[] {
  const row: InlineButton[] = [];
  if (page > 1)
    row.push({ label: t('volunteer-prev'), payload: volunteerButton('page', page - 1) });
  row.push(mineButton(t));
  if (page < pages) {
    row.push({ label: t('volunteer-next'), payload: volunteerButton('page', page + 1) });
  }
  return row;
}
