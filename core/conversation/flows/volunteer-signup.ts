import { VOLUNTEER_ACTIONS, volunteerButton } from '../../volunteering/buttons.ts';
import { whenAndWhere } from '../../volunteering/event-text.ts';
import { findEvent, type VolunteerEventView } from '../../volunteering/events.ts';
import { cancelSignup, isGoing, signUp } from '../../volunteering/signups.ts';
import { cleanName, saveVolunteerName, volunteerName } from '../../volunteering/volunteer-name.ts';
import { flowButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import { buttonRevision } from '../revision.ts';
import type { DialogState, VolunteerNameState } from '../state.ts';
import type { Outgoing } from '../types.ts';
import { afterConsent, consentRequest, menuState } from './menu.ts';
import { backButton, mineButton } from './volunteer-events.ts';

const NAME_CANCEL = 'vol-name-cancel';

/**
 * "Sign up" on an event's card. A seat is a promise to an organiser, who needs to know who
 * comes: so consent first, and the first time the name to call the resident by.
 */
export async function joinEvent(ctx: FlowContext, eventId: number): Promise<FlowResult> {
  const { t, resident, services } = ctx;
  if (!resident) {
    return {
      state: ctx.state,
      messages: [
        { text: t('volunteer-consent-needed') },
        consentRequest(ctx, afterConsent(VOLUNTEER_ACTIONS.join, eventId)),
      ],
    };
  }
  if (await volunteerName(services.db, resident.id)) return takeSeat(ctx, eventId);

  // Half a report (or a hearing comment...) is not thrown away to ask a name; it waits.
  if (ctx.state.screen !== 'menu' && ctx.state.screen !== 'volunteer-name') {
    return { state: ctx.state, messages: [], buttonNotice: t('volunteer-finish-first') };
  }
  // No name is asked for a seat that cannot be had.
  const event = await findEvent(services.db, eventId);
  const unavailable = await unavailableReason(ctx, event, resident.id);
  if (unavailable) return { state: ctx.state, messages: [unavailable] };

  const state: VolunteerNameState = { screen: 'volunteer-name', eventId, ...localeOf(ctx) };
  const cancel = { label: t('volunteer-name-cancel'), payload: cancelPayload(ctx, state) };
  return { state, messages: [{ text: t('volunteer-name-ask'), inline: [[cancel]] }] };
}

/** The name typed on the name screen: kept, then the seat taken. */
export async function receiveName(
  ctx: FlowContext,
  state: VolunteerNameState,
): Promise<FlowResult> {
  const { incoming, t, resident, services } = ctx;
  const name = incoming.kind === 'text' ? cleanName(incoming.text) : null;
  if (!name) {
    const cancel = { label: t('volunteer-name-cancel'), payload: cancelPayload(ctx, state) };
    return { state, messages: [{ text: t('volunteer-name-invalid'), inline: [[cancel]] }] };
  }
  const menu = { ...ctx, state: menuState(ctx) };
  if (!resident) return { state: menu.state, messages: [{ text: t('volunteer-name-cancelled') }] };

  await saveVolunteerName(services.db, resident.id, name);
  const taken = await takeSeat(menu, state.eventId);
  const thanks = { text: t('volunteer-name-saved', { name }) };
  return { ...taken, state: menu.state, messages: [thanks, ...taken.messages] };
}

/** Buttons issued on the name screen. */
export function pressNameButton(ctx: FlowContext, action: string): FlowResult {
  if (action !== NAME_CANCEL) {
    return { state: ctx.state, messages: [], buttonNotice: ctx.t('button-stale') };
  }
  return { state: menuState(ctx), messages: [{ text: ctx.t('volunteer-name-cancelled') }] };
}

/** "Cancel my seat", on a card, a confirmation or a reminder. */
export async function leaveEvent(ctx: FlowContext, eventId: number): Promise<FlowResult> {
  const { t, resident, services } = ctx;
  const event = await findEvent(services.db, eventId);
  if (!resident || !event) return say(ctx, t('volunteer-not-going'));
  const outcome = await cancelSignup(services.db, {
    eventId,
    residentId: resident.id,
    now: services.now(),
  });
  if (outcome === 'started') return say(ctx, t('volunteer-cancel-too-late'));
  if (outcome !== 'cancelled') return say(ctx, t('volunteer-not-going'));

  const again =
    event.status === 'open'
      ? [[{ label: t('volunteer-sign-up-again'), payload: volunteerButton('join', eventId) }]]
      : [];
  return {
    state: ctx.state,
    messages: [
      {
        text: t('volunteer-seat-cancelled', { title: event.title }),
        inline: [...again, [backButton(t)]],
      },
    ],
  };
}

async function takeSeat(ctx: FlowContext, eventId: number): Promise<FlowResult> {
  const { t, services } = ctx;
  const residentId = ctx.resident?.id ?? 0;
  const outcome = await signUp(services.db, { eventId, residentId, now: services.now() });
  const event = await findEvent(services.db, eventId);
  if (!event || (!outcome.ok && outcome.reason !== 'full')) {
    return say(ctx, t('volunteer-event-closed'));
  }
  if (!outcome.ok) return say(ctx, t('volunteer-event-full', { title: event.title }));
  if (outcome.already) return say(ctx, t('volunteer-already-going', { title: event.title }));

  const text = [
    t('volunteer-signed-up', { title: event.title }),
    whenAndWhere(t, event),
    '',
    t('volunteer-will-remind'),
  ].join('\n');
  const leave = { label: t('volunteer-cancel-seat'), payload: volunteerButton('leave', eventId) };
  return { state: ctx.state, messages: [{ text, inline: [[leave], [mineButton(t)]] }] };
}

async function unavailableReason(
  ctx: FlowContext,
  event: VolunteerEventView | null,
  residentId: number,
): Promise<Outgoing | null> {
  const { t, services } = ctx;
  if (event?.status !== 'open' || event.startsAt <= services.now()) {
    return { text: t('volunteer-event-closed') };
  }
  if (await isGoing(services.db, event.id, residentId)) {
    return { text: t('volunteer-already-going', { title: event.title }) };
  }
  if (event.seatsLeft <= 0) return { text: t('volunteer-event-full', { title: event.title }) };
  return null;
}

function say(ctx: FlowContext, text: string): FlowResult {
  return { state: ctx.state, messages: [{ text, inline: [[backButton(ctx.t)]] }] };
}

function cancelPayload(ctx: FlowContext, state: DialogState): string {
  return flowButton(buttonRevision(ctx, state), NAME_CANCEL);
}

function localeOf(ctx: FlowContext) {
  return ctx.state.locale ? { locale: ctx.state.locale } : {};
}
