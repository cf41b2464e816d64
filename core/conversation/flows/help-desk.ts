import { askOperators, MAX_HELP_TEXT, rateAnswer } from '../../helpdesk/questions.ts';
import { looksLikeProblemReport } from '../../helpdesk/report-intent.ts';
import { formatCityDate } from '../../text/dates.ts';
import { flowButton, viewButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import { buttonRevision } from '../revision.ts';
import type { HelpState } from '../state.ts';
import type { InlineButton } from '../types.ts';
import { consentRequest, menuState } from './menu.ts';
import { startReportWithDescription } from './report.ts';

/** Answers shown for one question, as buttons; the base's best ones first. */
const SHOWN = 3;
/** A title on a button is cut to this; the answer shows it whole. */
const TITLE_CHARS = 60;
/**
 * Articles are offered from this confidence up. The resident picks among three with the
 * operator one tap away, so a likely answer is worth showing: on the held-out questions
 * (`npm run bench`) a first hit at 0.2+ is right about 7 times in 10, at 0.4+ 8 in 10, while
 * below 0.2 it is mostly wrong; unrelated questions score 0.13 at the median.
 */
const OFFER_FROM = 0.2;

/** "Help desk" in the menu: ask anything about city life, in your own words. */
export function openHelpDesk(ctx: FlowContext): FlowResult {
  const state: HelpState = { screen: 'help', ...localeOf(ctx) };
  return { state, messages: [{ text: ctx.t('help-ask'), inline: [[cancel(ctx, state)]] }] };
}

/** A question typed at the help desk. */
export async function askQuestion(ctx: FlowContext, state: HelpState): Promise<FlowResult> {
  const { incoming, t } = ctx;
  if (incoming.kind !== 'text') return { state, messages: [{ text: t('help-ask-text-only') }] };
  const text = incoming.text.trim().slice(0, MAX_HELP_TEXT);
  if (text.length < 3) return { state, messages: [{ text: t('help-ask-longer') }] };

  // "У нас во дворе яма" is a problem to report, not a question: offer to file it.
  if (looksLikeProblemReport(text)) {
    const next: HelpState = { ...state, question: text };
    const revision = buttonRevision(ctx, next);
    return {
      state: next,
      messages: [
        {
          text: t('help-looks-like-report'),
          inline: [
            [{ label: t('help-file-report'), payload: flowButton(revision, 'help-report') }],
            [{ label: t('help-search-anyway'), payload: flowButton(revision, 'help-search') }],
          ],
        },
      ],
    };
  }
  return search(ctx, { ...state, question: text });
}

async function search(ctx: FlowContext, state: HelpState & { question: string }) {
  const { t, services } = ctx;
  const hits = (await services.knowledge.search(state.question, SHOWN)).filter(
    (hit) => hit.confidence >= OFFER_FROM,
  );
  const revision = buttonRevision(ctx, state);
  const operator = {
    label: t('help-ask-operator'),
    payload: flowButton(revision, 'help-operator'),
  };
  if (hits.length === 0) {
    return {
      state,
      messages: [{ text: t('help-nothing-found'), inline: [[operator], [cancel(ctx, state)]] }],
    };
  }
  const rows: InlineButton[][] = [];
  for (const hit of hits) {
    const article = await services.knowledge.article(hit.articleId);
    if (!article) continue;
    const title = [...article.question].slice(0, TITLE_CHARS).join('');
    rows.push([{ label: title, payload: viewButton('article', String(article.id)) }]);
  }
  rows.push([operator]);
  return { state, messages: [{ text: t('help-found'), inline: rows }] };
}

/** Buttons of the help desk's own messages. */
export async function pressHelpButton(
  ctx: FlowContext,
  state: HelpState,
  action: string,
): Promise<FlowResult> {
  const { t } = ctx;
  const question = state.question;
  switch (action) {
    case 'help-cancel':
      return { state: menuState(ctx), messages: [{ text: t('help-closed') }] };
    case 'help-report':
      if (!question) break;
      if (!ctx.resident) return needConsent(ctx);
      return startReportWithDescription({ ...ctx, state: menuState(ctx) }, question);
    case 'help-search':
      if (!question) break;
      return search(ctx, { ...state, question });
    case 'help-operator':
      if (!question) break;
      return passToOperator(ctx, question);
  }
  return { state, messages: [], buttonNotice: t('button-stale') };
}

/** An article chosen from the list (safe to press again later). */
export async function showArticle(ctx: FlowContext, articleId: number): Promise<FlowResult> {
  const { t, services } = ctx;
  const article = await services.knowledge.article(articleId);
  if (!article) return { state: ctx.state, messages: [{ text: t('help-article-gone') }] };
  const inline: InlineButton[][] = [
    [{ label: t('help-article-helped'), payload: viewButton('helped', String(article.id)) }],
  ];
  // "Not what I asked" hands the question on, while the dialogue still holds it.
  if (ctx.state.screen === 'help' && ctx.state.question) {
    const revision = buttonRevision(ctx, ctx.state);
    inline.push([{ label: t('help-not-it'), payload: flowButton(revision, 'help-operator') }]);
  }
  return {
    state: ctx.state,
    messages: [{ text: `${article.question}\n\n${article.answer}`, inline }],
  };
}

async function passToOperator(ctx: FlowContext, question: string): Promise<FlowResult> {
  const { t, services, resident } = ctx;
  // The question may hold personal details: nothing is kept before consent.
  if (!resident) return needConsent(ctx);
  const asked = await askOperators(services.db, services.calendar, {
    residentId: resident.id,
    text: question,
    now: services.now(),
  });
  const text = t('help-passed', { id: asked.id, deadline: formatCityDate(asked.deadlineAt) });
  return { state: menuState(ctx), messages: [{ text }], jobsQueued: true };
}

/** A rating pressed under an operator's answer: "12-5" is question 12, five stars. */
export async function rate(ctx: FlowContext, arg: string | undefined): Promise<FlowResult> {
  const { t, resident, services } = ctx;
  const match = /^(\d{1,9})-([1-5])$/.exec(arg ?? '');
  if (!match || !resident)
    return { state: ctx.state, messages: [], buttonNotice: t('button-unknown') };
  const rated = await rateAnswer(services.db, {
    questionId: Number(match[1]),
    residentId: resident.id,
    stars: Number(match[2]),
  });
  return {
    state: ctx.state,
    messages: [],
    buttonNotice: t(rated ? 'help-rated' : 'help-rated-already'),
  };
}

function needConsent(ctx: FlowContext): FlowResult {
  return {
    state: ctx.state,
    messages: [{ text: ctx.t('consent-needed') }, consentRequest(ctx, 'menu')],
  };
}

function cancel(ctx: FlowContext, state: HelpState): InlineButton {
  return {
    label: ctx.t('help-cancel'),
    payload: flowButton(buttonRevision(ctx, state), 'help-cancel'),
  };
}

function localeOf(ctx: FlowContext) {
  return ctx.state.locale ? { locale: ctx.state.locale } : {};
}
