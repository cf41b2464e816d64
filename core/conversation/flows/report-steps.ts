import type { FlowContext, FlowResult } from '../context.ts';
import { buttonRevision } from '../revision.ts';
import type { ReportDraft, ReportState, ReportStep } from '../state.ts';
import type { Outgoing } from '../types.ts';
import { stepPrompt } from './report-prompts.ts';

/** Moves to `step` and asks for what it needs, after any messages in `before`. */
export function enter(
  ctx: FlowContext,
  draft: ReportDraft,
  step: ReportStep,
  before: Outgoing[] = [],
): FlowResult {
  const state: ReportState = { screen: 'report', step, draft, ...localeOf(ctx) };
  const prompt = stepPrompt(ctx, state, buttonRevision(ctx, state));
  return { state, messages: [...before, prompt] };
}

/** Stays at the current step, saying something and reminding what the step needs. */
export function stay(
  ctx: FlowContext,
  state: ReportState,
  text: string[],
  remind = true,
): FlowResult {
  const messages: Outgoing[] = text.map((line) => ({ text: line }));
  if (remind) messages.push({ text: ctx.t(`report-expect-${state.step}`) });
  return { state, messages };
}

export function localeOf(ctx: FlowContext): { locale?: 'ru' | 'en' } {
  return ctx.state.locale ? { locale: ctx.state.locale } : {};
}
