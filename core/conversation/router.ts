import { type Locale, translator } from '../i18n/index.ts';
import { recordConsent } from '../residents/residents.ts';
import { flowButton, parseButton } from './buttons.ts';
import type { FlowContext, FlowResult } from './context.ts';
import { FEATURES } from './feature-list.ts';
import { featureHandler, featureScreen } from './features.ts';
import { answerFollowup, cancelFollowup, continueFollowup } from './flows/followup.ts';
import {
  askQuestion,
  openHelpDesk,
  pressHelpButton,
  rate,
  showArticle,
} from './flows/help-desk.ts';
import {
  finishAnswer,
  makeArticle,
  showQuestionQueue,
  startAnswer,
} from './flows/help-operator.ts';
import {
  consentRequest,
  consentResumes,
  help,
  menuMessage,
  menuState,
  showMenu,
  welcome,
} from './flows/menu.ts';
import { showMyReports, showReport } from './flows/my-reports.ts';
import {
  cancelReport,
  continueReport,
  goBack,
  pressReportButton,
  resumeReport,
  startReport,
} from './flows/report.ts';
import { gradeAnswer, showAnswerForReview, showReviewQueue } from './flows/review.ts';
import { continueStaffTask, pressCardButton, pressStaffTaskButton } from './flows/staff-actions.ts';
import { showCard, showInbox } from './flows/staff-inbox.ts';
import { issueCode, linkChat } from './flows/staff-link.ts';
import { showStats } from './flows/staff-stats.ts';
import { isLabel, isMainMenuLabel } from './keyboards.ts';
import { buttonRevision } from './revision.ts';
import type { ReportState } from './state.ts';
import type { Incoming } from './types.ts';

/** Decides which flow handles an update, given where the dialogue stands. */
export async function route(original: FlowContext): Promise<FlowResult> {
  const ctx = refuseStrayContact(original);
  const { incoming, state } = ctx;
  if (incoming.kind === 'command') return routeCommand(ctx, incoming.command, incoming.args);
  if (incoming.kind === 'button') return routeButton(ctx, incoming.payload);
  const screen = featureScreen(FEATURES, state);
  if (screen) {
    // A main-menu button pressed mid-task means going there: taken as a name, an address or a
    // comment it could reach an organiser or an office under the resident's name.
    if (incoming.kind === 'text' && isMainMenuLabel(ctx.t, incoming.text)) {
      const next = await routeMenu({ ...ctx, state: menuState(ctx) });
      const left = { text: ctx.t(screen.leftKey ?? 'staff-cancelled') };
      return { ...next, messages: [left, ...next.messages] };
    }
    return screen.message(ctx, state);
  }
  if (state.screen === 'report') return continueReport(ctx, state);
  if (state.screen === 'staff') return continueStaffTask(ctx, state);
  if (state.screen === 'followup') return continueFollowup(ctx, state);
  if (state.screen === 'help') return askQuestion(ctx, state);
  if (state.screen === 'help-answer') return finishAnswer(ctx, state);
  return routeMenu(ctx);
}

async function routeCommand(ctx: FlowContext, command: string, args: string): Promise<FlowResult> {
  const { state } = ctx;
  // A bot link t.me/<bot>?start=link-CODE arrives as "/start link-CODE".
  const deepLink = /^link[-_](\S+)$/i.exec(args);
  if (command === 'start' && deepLink?.[1]) return linkChat(ctx, deepLink[1]);
  const inTask =
    ['staff', 'followup', 'help', 'help-answer'].includes(state.screen) ||
    featureScreen(FEATURES, state) !== undefined;
  if (inTask) {
    if (command === 'cancel' || command === 'back' || command === 'menu' || command === 'start') {
      return showMenu(ctx, [{ text: ctx.t('staff-cancelled') }]);
    }
  }
  switch (command) {
    case 'start':
    case 'menu':
      if (state.screen === 'report') return offerDraft(ctx, state);
      return command === 'start' ? welcome(ctx) : showMenu(ctx);
    case 'cancel':
      return state.screen === 'report' ? cancelReport(ctx) : showMenu(ctx);
    case 'back':
      return state.screen === 'report' ? goBack(ctx, state) : showMenu(ctx);
    case 'link':
      return linkChat(ctx, args);
    case 'code':
      return issueCode(ctx, args);
    case 'inbox':
      return showInbox(ctx, 1);
    case 'review':
      return showReviewQueue(ctx);
    case 'stats':
      return showStats(ctx);
    case 'ask':
      return openHelpDesk(ctx);
    case 'questions':
      return showQuestionQueue(ctx);
    case 'team':
    case 'team_off':
      return { state, messages: [{ text: ctx.t('team-private-hint') }] };
    case 'report':
      return beginReport(ctx);
    case 'my':
      return showMyReports(ctx, 1);
    case 'help':
      return help(ctx);
    case 'language':
      return switchLanguage(ctx);
    default: {
      const handler = featureHandler(FEATURES, 'commands', command);
      if (handler) return handler(ctx, args);
      return { state, messages: [{ text: ctx.t('unsupported-command') }] };
    }
  }
}

/** A shared contact is only wanted where a screen asks for a phone; elsewhere it is refused. */
function refuseStrayContact(ctx: FlowContext): FlowContext {
  const { incoming } = ctx;
  if (incoming.kind !== 'contact' || featureScreen(FEATURES, ctx.state)?.acceptsContact) {
    return ctx;
  }
  const { phone: _phone, own: _own, ...base } = incoming;
  return { ...ctx, incoming: { ...base, kind: 'unsupported', what: 'contact' } };
}

/**
 * /language: Russian and English take turns; the choice stays with the chat, and with the
 * resident, so notices and broadcasts sent later speak it too.
 */
async function switchLanguage(ctx: FlowContext): Promise<FlowResult> {
  const locale: Locale = ctx.locale === 'ru' ? 'en' : 'ru';
  if (ctx.resident) {
    await ctx.services.db.resident.update({ where: { id: ctx.resident.id }, data: { locale } });
  }
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
    case 'followup-cancel':
      return state.screen === 'followup' ? cancelFollowup(ctx) : showMenu(ctx);
    default: {
      const view =
        button.revision === undefined
          ? featureHandler(FEATURES, 'viewButtons', button.action)
          : undefined;
      if (view) return view(ctx, button.arg);
      const screen = featureScreen(FEATURES, state);
      if (button.revision !== undefined && screen?.button) {
        return screen.button(ctx, state, button.action, button.arg);
      }
      if (button.revision === undefined && button.action === 'rate') return rate(ctx, button.arg);
      if (button.revision === undefined) return routeReportButton(ctx, button.action, button.arg);
      if (state.screen === 'report')
        return pressReportButton(ctx, state, button.action, button.arg);
      if (state.screen === 'staff')
        return pressStaffTaskButton(ctx, state, button.action, button.arg);
      if (state.screen === 'help') return pressHelpButton(ctx, state, button.action);
      return { state, messages: [], buttonNotice: t('button-stale') };
    }
  }
}

/** View buttons that name a report (by id): staff cards, the inbox, grades, follow-ups. */
async function routeReportButton(
  ctx: FlowContext,
  action: string,
  arg: string | undefined,
): Promise<FlowResult> {
  const id = positiveInteger(arg);
  if (id === undefined)
    return { state: ctx.state, messages: [], buttonNotice: ctx.t('button-unknown') };
  switch (action) {
    case 'inbox':
      return showInbox(ctx, id);
    case 'card':
      return showCard(ctx, id);
    case 'take':
    case 'answer':
    case 'interim':
    case 'redirect':
    case 'reject':
    case 'duplicate':
      // Half a report is not thrown away for a card's button; it waits until it is done.
      if (ctx.state.screen === 'report' && action !== 'take') {
        return { state: ctx.state, messages: [], buttonNotice: ctx.t('staff-finish-report-first') };
      }
      return pressCardButton(ctx, action, id);
    case 'answer-card':
      return showAnswerForReview(ctx, id);
    case 'good':
    case 'return':
      return gradeAnswer(ctx, action, id);
    case 'fixed':
    case 'notfixed':
      return answerFollowup(ctx, action === 'fixed', id);
    case 'article':
      return showArticle(ctx, id);
    case 'helped':
      return { state: ctx.state, messages: [], buttonNotice: ctx.t('help-glad') };
    case 'qanswer':
      return startAnswer(ctx, id);
    case 'toarticle':
      return makeArticle(ctx, id);
    default:
      return { state: ctx.state, messages: [], buttonNotice: ctx.t('button-unknown') };
  }
}

async function acceptConsent(ctx: FlowContext, then: string | undefined): Promise<FlowResult> {
  const { incoming, services, t } = ctx;
  // A second tap (or an old consent message) changes nothing.
  if (ctx.resident) return { state: ctx.state, messages: [], buttonNotice: t('consent-already') };
  const resident = await recordConsent(
    services.db,
    {
      channel: incoming.channel,
      platformUserId: incoming.userId,
      chatId: incoming.chatId,
      locale: ctx.locale,
    },
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
  const resume = consentResumes(then);
  const pressed = resume && featureHandler(FEATURES, 'viewButtons', resume.action);
  if (resume && pressed) {
    const next = await pressed(consented, resume.arg);
    return { ...next, messages: [thanks, ...next.messages] };
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
    if (isLabel(t, incoming.text, 'menu-helpdesk')) return openHelpDesk(ctx);
    for (const feature of FEATURES) {
      for (const [key, handler] of Object.entries(feature.menuLabels ?? {})) {
        if (isLabel(t, incoming.text, key)) return handler(ctx);
      }
    }
  }
  return { state: ctx.state, messages: [menuMessage(ctx, 'menu-hint')] };
}

function positiveInteger(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,9}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}
