import { type Locale, translator } from '../i18n/index.ts';
import { recordConsent } from '../residents/residents.ts';
import { flowButton, parseButton } from './buttons.ts';
import type { FlowContext, FlowResult } from './context.ts';
import { consentRequest, help, menuMessage, menuState, showMenu, welcome } from './flows/menu.ts';
import { showMyReports, showReport } from './flows/my-reports.ts';
import {
  cancelReport,
  continueReport,
  goBack,
  pressReportButton,
  resumeReport,
  startReport,
} from './flows/report.ts';
import { isLabel } from './keyboards.ts';
import { buttonRevision } from './revision.ts';
import type { ReportState } from './state.ts';
import type { Incoming } from './types.ts';

/** Decides which flow handles an update, given where the dialogue stands. */
export async function route(ctx: FlowContext): Promise<FlowResult> {
  const { incoming, state } = ctx;
  if (incoming.kind === 'command') return routeCommand(ctx, incoming.command);
  if (incoming.kind === 'button') return routeButton(ctx, incoming.payload);
  if (state.screen === 'report') return continueReport(ctx, state);
  return routeMenu(ctx);
}

async function routeCommand(ctx: FlowContext, command: string): Promise<FlowResult> {
  const { state } = ctx;
  switch (command) {
    case 'start':
    case 'menu':
      if (state.screen === 'report') return offerDraft(ctx, state);
      return command === 'start' ? welcome(ctx) : showMenu(ctx);
    case 'cancel':
      return state.screen === 'report' ? cancelReport(ctx) : showMenu(ctx);
    case 'back':
      return state.screen === 'report' ? goBack(ctx, state) : showMenu(ctx);
    case 'report':
      return beginReport(ctx);
    case 'my':
      return showMyReports(ctx, 1);
    case 'help':
      return help(ctx);
    case 'language':
      return switchLanguage(ctx);
    default:
      return { state, messages: [{ text: ctx.t('unsupported-command') }] };
  }
}

/** /language: Russian and English take turns; the choice stays with the chat. */
function switchLanguage(ctx: FlowContext): FlowResult {
  const locale: Locale = ctx.locale === 'ru' ? 'en' : 'ru';
  const switched = { ...ctx, locale, t: translator(locale), state: { ...ctx.state, locale } };
  // In the middle of a report the draft stays; its current step is asked again in the new language.
  if (switched.state.screen === 'report') return resumeReport(switched, switched.state);
  return showMenu(switched);
}

/** /start in the middle of a report: keep the resident's work unless they choose otherwise. */
function offerDraft(ctx: FlowContext, state: ReportState): FlowResult {
  const revision = buttonRevision(ctx, state);
  return {
    state,
    messages: [
      {
        text: ctx.t('report-draft-exists'),
        inline: [
          [
            { label: ctx.t('report-draft-continue'), payload: flowButton(revision, 'resume') },
            { label: ctx.t('report-draft-discard'), payload: flowButton(revision, 'discard') },
          ],
        ],
      },
    ],
  };
}

async function routeButton(ctx: FlowContext, payload: string): Promise<FlowResult> {
  const { state, t } = ctx;
  const button = parseButton(payload);
  if (!button) return { state, messages: [], buttonNotice: t('button-unknown') };
  if (button.revision !== undefined && button.revision !== ctx.revision) {
    return { state, messages: [], buttonNotice: t('button-stale') };
  }

  switch (button.action) {
    case 'consent':
      return acceptConsent(ctx, button.arg);
    case 'decline':
      return showMenu(ctx, [{ text: t('consent-declined') }]);
    case 'page':
    case 'open': {
      // Numbers come from a client that may be modified: anything odd is a stale button.
      const number = positiveInteger(button.arg);
      if (number === undefined) return { state, messages: [], buttonNotice: t('button-unknown') };
      return button.action === 'page' ? showMyReports(ctx, number) : showReport(ctx, number);
    }
    case 'resume':
      return state.screen === 'report' ? resumeReport(ctx, state) : showMenu(ctx);
    case 'discard':
      return startReport({ ...ctx, state: menuState(ctx) });
    default:
      if (state.screen === 'report')
        return pressReportButton(ctx, state, button.action, button.arg);
      return { state, messages: [], buttonNotice: t('button-stale') };
  }
}

async function acceptConsent(ctx: FlowContext, then: string | undefined): Promise<FlowResult> {
  const { incoming, services, t } = ctx;
  // A second tap (or an old consent message) changes nothing.
  if (ctx.resident) return { state: ctx.state, messages: [], buttonNotice: t('consent-already') };
  const resident = await recordConsent(
    services.db,
    { channel: incoming.channel, platformUserId: incoming.userId, chatId: incoming.chatId },
    services.now(),
  );
  const consented = { ...ctx, resident };
  const thanks = { text: t('consent-accepted') };
  if (then === 'report') {
    const started = startReport(consented);
    return { ...started, messages: [thanks, ...started.messages] };
  }
  if (then === 'resend') {
    return showMenu(consented, [thanks, { text: t('consent-resend-photo') }]);
  }
  return showMenu(consented, [thanks]);
}

function beginReport(ctx: FlowContext, seed?: Incoming): FlowResult {
  if (!ctx.resident) {
    const then = seed ? 'resend' : 'report';
    return {
      state: ctx.state,
      messages: [{ text: ctx.t('consent-needed') }, consentRequest(ctx, then)],
    };
  }
  return startReport(ctx, seed);
}

async function routeMenu(ctx: FlowContext): Promise<FlowResult> {
  const { incoming, t } = ctx;
  if (incoming.kind === 'photo' || incoming.kind === 'location') return beginReport(ctx, incoming);
  if (incoming.kind === 'text') {
    if (isLabel(t, incoming.text, 'menu-report')) return beginReport(ctx);
    if (isLabel(t, incoming.text, 'menu-my-reports')) return showMyReports(ctx, 1);
    if (isLabel(t, incoming.text, 'menu-help')) return help(ctx);
  }
  return { state: ctx.state, messages: [menuMessage(ctx, 'menu-hint')] };
}

function positiveInteger(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,9}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}
