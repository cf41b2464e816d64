import type { Translate } from '../../i18n/index.ts';
import { formatCityDate } from '../../text/dates.ts';
import { volunteerButton } from '../../volunteering/buttons.ts';
import { formatShortStart, formatWhen } from '../../volunteering/event-text.ts';
import { type VolunteerRecord, volunteerRecord } from '../../volunteering/record.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { InlineButton } from '../types.ts';
import { backButton } from './volunteer-events.ts';

/** Seats that get a button to their card; the rest are listed in the text only. */
const SEAT_BUTTONS = 4;
/** Past events listed; the total counts them all. */
const ATTENDED_SHOWN = 15;

/** "My volunteering": the seats a resident holds, and the hours they have given. */
export async function showMyVolunteering(ctx: FlowContext): Promise<FlowResult> {
  const { t, resident, services } = ctx;
  const record = resident
    ? await volunteerRecord(services.db, resident.id, services.now())
    : undefined;
  if (!record || (record.upcoming.length === 0 && record.attended.length === 0)) {
    return {
      state: ctx.state,
      messages: [{ text: t('volunteer-mine-none'), inline: [[backButton(t)]] }],
    };
  }
  const rows: InlineButton[][] = record.upcoming.slice(0, SEAT_BUTTONS).map((seat) => [
    {
      label: `${formatShortStart(seat.startsAt)} · ${seat.title}`,
      payload: volunteerButton('open', seat.eventId),
    },
  ]);
  rows.push([backButton(t)]);
  return { state: ctx.state, messages: [{ text: recordText(t, record), inline: rows }] };
}

function recordText(t: Translate, record: VolunteerRecord): string {
  const lines = [t('volunteer-mine-title'), ''];
  if (record.upcoming.length > 0) {
    lines.push(t('volunteer-mine-upcoming'));
    for (const seat of record.upcoming) {
      lines.push(t('volunteer-mine-line', { when: formatWhen(seat), title: seat.title }));
    }
  } else {
    lines.push(t('volunteer-mine-no-upcoming'));
  }
  lines.push('', t('volunteer-mine-hours', { hours: record.totalHours }));
  if (record.attended.length > 0) {
    lines.push(t('volunteer-mine-attended'));
    for (const event of record.attended.slice(0, ATTENDED_SHOWN)) {
      const date = formatCityDate(event.startsAt);
      lines.push(
        t('volunteer-mine-attended-line', { date, title: event.title, hours: event.hours }),
      );
    }
  }
  return lines.join('\n');
}
