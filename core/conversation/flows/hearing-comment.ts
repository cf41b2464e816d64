import {
  COMMENT_MAX,
  COMMENT_MIN,
  type CommentKind,
  commentLabel,
  submitComment,
} from '../../hearings/comments.ts';
import { findHearing, phaseOf } from '../../hearings/hearings.ts';
import { type CompleteIdentity, completeIdentity, findIdentity } from '../../residents/identity.ts';
import { flowButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import { isLabel } from '../keyboards.ts';
import { buttonRevision } from '../revision.ts';
import type { HearingCommentState } from '../state.ts';
import type { Outgoing } from '../types.ts';
import { askIdentity, takeIdentity } from './hearing-identity.ts';
import { cancelKeyboard, leave, localeOf, refusalText, stay } from './hearing-prompts.ts';
import { afterConsent, consentRequest } from './menu.ts';

/**
 * "Comment" or "Proposal" under an open hearing: consent first, then who is commenting (asked
 * once, then reused), then the text. A view button, so an old hearing card still works; the
 * period is checked now and again when the comment is sent.
 */
export async function startComment(
  ctx: FlowContext,
  hearingId: number,
  kind: CommentKind,
): Promise<FlowResult> {
  const { t, resident, services, state } = ctx;
  if (!resident) {
    return {
      state,
      messages: [
        { text: t('hearing-consent-needed') },
        consentRequest(ctx, afterConsent(`hear-${kind}`, hearingId)),
      ],
    };
  }
  // Half a report or a member of staff's answer is not thrown away for a hearing.
  if (state.screen === 'report' || state.screen === 'staff') {
    return { state, messages: [], buttonNotice: t('hearing-finish-first') };
  }
  const hearing = await findHearing(services.db, hearingId);
  if (!hearing) return { state, messages: [{ text: refusalText(t, 'not_found', null) }] };
  const phase = phaseOf(hearing, services.now());
  if (phase !== 'open') return { state, messages: [{ text: refusalText(t, phase, hearing) }] };

  const base: HearingCommentState = {
    screen: 'hearing-comment',
    ...localeOf(ctx),
    hearingId,
    kind,
    step: 'text',
  };
  const identity = completeIdentity(await findIdentity(services.db, resident.id));
  if (!identity) return askIdentity(ctx, { ...base, step: 'name' }, true);
  return askText(ctx, base, hearing.title, [commentingAs(ctx, base, identity)]);
}

/** A message while commenting: the identity's steps, the text, or a corrected text. */
export async function continueComment(
  ctx: FlowContext,
  state: HearingCommentState,
): Promise<FlowResult> {
  const { incoming, t } = ctx;
  if (incoming.kind === 'text' && isLabel(t, incoming.text, 'hearing-cancel')) {
    return leave(ctx, t('hearing-comment-cancelled'));
  }
  if (state.step === 'text' || state.step === 'confirm') return takeText(ctx, state);
  return takeIdentity(ctx, state, askTextOnceIdentified);
}

/** The buttons of the comment's own messages: send, change the text or the identity, cancel. */
export async function pressCommentButton(
  ctx: FlowContext,
  state: HearingCommentState,
  action: string,
): Promise<FlowResult> {
  const { t } = ctx;
  switch (action) {
    case 'hear-send':
      if (state.step === 'confirm' && state.text) return send(ctx, state, state.text);
      break;
    case 'hear-edit':
      if (state.step === 'confirm') return askTextAgain(ctx, state);
      break;
    case 'hear-identity':
      return askIdentity(ctx, state, false);
    case 'hear-cancel':
      return leave(ctx, t('hearing-comment-cancelled'));
  }
  return { state, messages: [], buttonNotice: t('button-stale') };
}

async function takeText(ctx: FlowContext, state: HearingCommentState): Promise<FlowResult> {
  const { incoming, t } = ctx;
  if (incoming.kind !== 'text') return stay(state, t('hearing-text-only'));
  const text = incoming.text.trim();
  const length = [...text].length;
  if (length < COMMENT_MIN) return stay(state, t('hearing-text-too-short', { min: COMMENT_MIN }));
  // A comment the organisers must answer has to say something: emoji or digits alone do not.
  if ((text.match(/\p{L}/gu) ?? []).length < COMMENT_MIN)
    return stay(state, t('hearing-text-words'));
  if (length > COMMENT_MAX) {
    return stay(state, t('hearing-text-too-long', { length, max: COMMENT_MAX }));
  }
  return confirm(ctx, { ...state, step: 'confirm', text });
}

/** The comment as it will go to the organisers, with the identity it goes under. */
async function confirm(
  ctx: FlowContext,
  state: HearingCommentState & { text: string },
): Promise<FlowResult> {
  const { t, resident, services } = ctx;
  const identity = resident && completeIdentity(await findIdentity(services.db, resident.id));
  if (!identity) return askIdentity(ctx, state, true);
  const hearing = await findHearing(services.db, state.hearingId);
  if (!hearing) return leave(ctx, refusalText(t, 'not_found', null));

  const revision = buttonRevision(ctx, state);
  const text = t(`hearing-confirm-${state.kind}`, {
    title: hearing.title,
    text: state.text,
    name: identity.fullName,
    address: identity.address,
    phone: identity.phone,
  });
  const inline = [
    [{ label: t('hearing-send'), payload: flowButton(revision, 'hear-send') }],
    [
      { label: t('hearing-edit-text'), payload: flowButton(revision, 'hear-edit') },
      { label: t('hearing-cancel'), payload: flowButton(revision, 'hear-cancel') },
    ],
  ];
  return { state, messages: [{ text, inline }] };
}

/**
 * Sends the comment. The period is checked again here, under the hearing's lock: a comment
 * begun while the hearing was open and confirmed after its end is refused.
 */
async function send(
  ctx: FlowContext,
  state: HearingCommentState,
  text: string,
): Promise<FlowResult> {
  const { t, resident, services } = ctx;
  const identity = resident && completeIdentity(await findIdentity(services.db, resident.id));
  if (!resident || !identity) return askIdentity(ctx, state, true);
  const submitted = await submitComment(services.db, {
    hearingId: state.hearingId,
    residentId: resident.id,
    kind: state.kind,
    text,
    identity,
    now: services.now(),
  });
  const hearing = await findHearing(services.db, state.hearingId);
  if (!submitted.ok || !hearing) {
    return leave(ctx, refusalText(t, submitted.ok ? 'not_found' : submitted.reason, hearing));
  }
  const number = commentLabel(state.hearingId, submitted.number);
  return leave(ctx, t(`hearing-accepted-${state.kind}`, { title: hearing.title, number }));
}

async function askTextOnceIdentified(
  ctx: FlowContext,
  state: HearingCommentState,
): Promise<FlowResult> {
  const hearing = await findHearing(ctx.services.db, state.hearingId);
  if (!hearing) return leave(ctx, refusalText(ctx.t, 'not_found', null));
  return askText(ctx, state, hearing.title, [{ text: ctx.t('hearing-identity-saved') }]);
}

async function askTextAgain(ctx: FlowContext, state: HearingCommentState): Promise<FlowResult> {
  const hearing = await findHearing(ctx.services.db, state.hearingId);
  if (!hearing) return leave(ctx, refusalText(ctx.t, 'not_found', null));
  const { text: _text, ...rest } = state;
  return askText(ctx, { ...rest, step: 'text' }, hearing.title, []);
}

function askText(
  ctx: FlowContext,
  state: HearingCommentState,
  title: string,
  before: Outgoing[],
): FlowResult {
  const { t } = ctx;
  const ask = t(`hearing-ask-text-${state.kind}`, { title, min: COMMENT_MIN, max: COMMENT_MAX });
  return { state, messages: [...before, { text: ask, keyboard: cancelKeyboard(t) }] };
}

/** "Commenting as …", with a way to change who. */
function commentingAs(
  ctx: FlowContext,
  state: HearingCommentState,
  identity: CompleteIdentity,
): Outgoing {
  const { t } = ctx;
  const revision = buttonRevision(ctx, state);
  return {
    text: t('hearing-commenting-as', {
      name: identity.fullName,
      address: identity.address,
      phone: identity.phone,
    }),
    inline: [
      [{ label: t('hearing-change-identity'), payload: flowButton(revision, 'hear-identity') }],
    ],
  };
}
