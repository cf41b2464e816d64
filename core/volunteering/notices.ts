import type { Outgoing } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import { queueDelivery } from '../delivery/deliveries.ts';
import { resolveLocale, type Translate, translator } from '../i18n/index.ts';
import { volunteerButton } from './buttons.ts';
import { type EventFacts, seatsText, skillsText, whenAndWhere } from './event-text.ts';

export type ReminderKind = 'day' | 'soon';

type Event = EventFacts & { id: number };

/** A reminder says what, when and where, and offers the seat back to someone who cannot come. */
export function reminderMessage(t: Translate, kind: ReminderKind, event: Event): Outgoing {
  return {
    text: [
      t(`volunteer-reminder-${kind}`, { title: event.title }),
      whenAndWhere(t, event),
      '',
      t('volunteer-reminder-cant-come'),
    ].join('\n'),
    inline: [[{ label: t('volunteer-cancel-seat'), payload: volunteerButton('leave', event.id) }]],
  };
}

/** A new event for the followers of volunteer news, with a button to its card. */
export function announcementMessage(
  t: Translate,
  event: Event & { description: string; seats: number; seatsLeft: number; skills: string[] },
): Outgoing {
  const lines = [
    t('volunteer-announced', { title: event.title }),
    event.description,
    '',
    whenAndWhere(t, event),
    seatsText(t, event),
    skillsText(t, event.skills),
  ];
  return {
    text: lines.filter((line) => line !== undefined).join('\n'),
    inline: [[{ label: t('volunteer-open-event'), payload: volunteerButton('open', event.id) }]],
  };
}

export function cancelledMessage(t: Translate, event: Event): Outgoing {
  return {
    text: [t('volunteer-event-cancelled', { title: event.title }), whenAndWhere(t, event)].join(
      '\n',
    ),
    inline: [[{ label: t('volunteer-other-events'), payload: volunteerButton('page', 1) }]],
  };
}

export function changedMessage(t: Translate, event: Event): Outgoing {
  return {
    text: [t('volunteer-event-changed', { title: event.title }), whenAndWhere(t, event)].join('\n'),
    inline: [[{ label: t('volunteer-cancel-seat'), payload: volunteerButton('leave', event.id) }]],
  };
}

/**
 * Queues a message to every resident holding a seat at an event, each in their language, in
 * the caller's transaction. `key` names each one's delivery by signup. Returns how many.
 */
export async function tellEveryoneGoing(
  db: Db,
  eventId: number,
  message: (t: Translate) => Outgoing,
  key: (signupId: number) => string,
): Promise<number> {
  const signups = await db.volunteerSignup.findMany({
    where: { eventId, status: 'going', resident: { unreachableAt: null } },
    select: { id: true, resident: { select: { channel: true, chatId: true, locale: true } } },
  });
  let queued = 0;
  for (const { id, resident } of signups) {
    const t = translator(resolveLocale(resident.locale));
    const sent = await queueDelivery(db, {
      key: key(id),
      channel: resident.channel,
      chatId: resident.chatId,
      messages: [message(t)],
    });
    if (sent) queued += 1;
  }
  return queued;
}
