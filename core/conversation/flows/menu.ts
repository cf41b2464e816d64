import { viewButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import { mainMenu } from '../keyboards.ts';
import { type DialogState, INITIAL_STATE } from '../state.ts';
import type { Outgoing } from '../types.ts';

/** The main menu as a message, with the keyboard that stays under the chat. */
export function menuMessage(ctx: FlowContext, textKey = 'menu-title'): Outgoing {
  return { text: ctx.t(textKey), keyboard: mainMenu(ctx.t) };
}

export function menuState(ctx: FlowContext): DialogState {
  return ctx.state.locale ? { ...INITIAL_STATE, locale: ctx.state.locale } : INITIAL_STATE;
}

/** Back to the main menu, with an optional message before it. */
export function showMenu(ctx: FlowContext, before: Outgoing[] = []): FlowResult {
  return { state: menuState(ctx), messages: [...before, menuMessage(ctx)] };
}

/**
 * The consent question; `then` says what follows once it is given: start a report, ask to
 * resend the photo or place we could not keep before consent, show the menu, or press a
 * service's view button (see `afterConsent`) so the resident carries on where they were.
 */
export function consentRequest(ctx: FlowContext, then: ConsentThen): Outgoing {
  return {
    text: ctx.t('consent-request'),
    inline: [
      [{ label: ctx.t('consent-accept'), payload: viewButton('consent', then) }],
      [{ label: ctx.t('consent-decline'), payload: viewButton('decline') }],
    ],
  };
}

export type ConsentThen = 'report' | 'resend' | 'menu' | `${string}.${string}`;

/** Consent, then the service's view button `action` with `arg` (e.g. sign up for event 12). */
export function afterConsent(action: string, arg: string | number): ConsentThen {
  return `${action}.${arg}`;
}

/** The view button a consent's `then` names, if it names one. */
export function consentResumes(then: string | undefined): { action: string; arg: string } | null {
  const match = then === undefined ? null : /^([a-z-]+)\.([\w-]{1,24})$/.exec(then);
  return match?.[1] && match[2] ? { action: match[1], arg: match[2] } : null;
}

/** /start: a welcome, then the consent question or the menu. */
export function welcome(ctx: FlowContext): FlowResult {
  const greeting = { text: ctx.t('start-welcome') };
  if (!ctx.resident) {
    return { state: menuState(ctx), messages: [greeting, consentRequest(ctx, 'menu')] };
  }
  return showMenu(ctx, [greeting]);
}

export function help(ctx: FlowContext): FlowResult {
  return { state: ctx.state, messages: [{ text: ctx.t('help-text') }] };
}
