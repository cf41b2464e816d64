import { VOLUNTEER_ACTIONS } from '../../volunteering/buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { Feature } from '../features.ts';
import { showMenu } from './menu.ts';
import { showVolunteerEvent, showVolunteerEvents } from './volunteer-events.ts';
import { showMyVolunteering } from './volunteer-mine.ts';
import { joinEvent, leaveEvent, pressNameButton, receiveName } from './volunteer-signup.ts';

/**
 * Volunteering in the bots: residents browse the events still to come, sign up or give their
 * seat back, and see their own seats and hours. Organisers work over the admin API.
 */
export const volunteeringFeature: Feature = {
  commands: { volunteer: (ctx) => showVolunteerEvents(ctx, 1) },
  menuLabels: { 'menu-volunteer': (ctx) => showVolunteerEvents(ctx, 1) },
  viewButtons: {
    [VOLUNTEER_ACTIONS.page]: (ctx, arg) => withNumber(ctx, arg, showVolunteerEvents),
    [VOLUNTEER_ACTIONS.open]: (ctx, arg) => withNumber(ctx, arg, showVolunteerEvent),
    [VOLUNTEER_ACTIONS.join]: (ctx, arg) => withNumber(ctx, arg, joinEvent),
    [VOLUNTEER_ACTIONS.leave]: (ctx, arg) => withNumber(ctx, arg, leaveEvent),
    [VOLUNTEER_ACTIONS.mine]: (ctx) => showMyVolunteering(ctx),
  },
  screens: {
    'volunteer-name': {
      leftKey: 'volunteer-name-cancelled',
      message: (ctx, state) =>
        state.screen === 'volunteer-name' ? receiveName(ctx, state) : showMenu(ctx),
      button: (ctx, _state, action) => pressNameButton(ctx, action),
    },
  },
};

/** Numbers come from a client that may be modified: anything odd is a button we never sent. */
function withNumber(
  ctx: FlowContext,
  arg: string | undefined,
  then: (ctx: FlowContext, number: number) => Promise<FlowResult>,
): Promise<FlowResult> | FlowResult {
  const number = arg && /^\d{1,9}$/.test(arg) ? Number(arg) : 0;
  if (number < 1) return { state: ctx.state, messages: [], buttonNotice: ctx.t('button-unknown') };
  return then(ctx, number);
}
