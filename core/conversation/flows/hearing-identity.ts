import {
  ADDRESS_MAX,
  checkAddress,
  checkFullName,
  FULL_NAME_MAX,
  normalizePhone,
  saveIdentity,
} from '../../residents/identity.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { HearingCommentState } from '../state.ts';
import { cancelKeyboard, leave, phoneKeyboard, sharesContact, stay } from './hearing-prompts.ts';

type Continue = (ctx: FlowContext, state: HearingCommentState) => Promise<FlowResult>;

/**
 * Asks who is commenting: full name, address, phone. The first time, a notice says why and
 * who receives them; the three are saved together once the phone completes them.
 *
 * LIMITATION: the Town Planning Code (art. 5.1, part 12) also identifies a participant by
 * date of birth and documents the organisers check; we ask what the city's procedure named
 * (name, address, phone). A date-of-birth step and a ResidentIdentity column would lift it.
 */
export function askIdentity(
  ctx: FlowContext,
  state: HearingCommentState,
  withNotice: boolean,
): FlowResult {
  const { t } = ctx;
  const { hearingId, kind, locale } = state;
  const next: HearingCommentState = {
    screen: 'hearing-comment',
    ...(locale ? { locale } : {}),
    hearingId,
    kind,
    step: 'name',
  };
  const ask = { text: t('hearing-ask-name'), keyboard: cancelKeyboard(t) };
  const messages = withNotice ? [{ text: t('hearing-identity-notice') }, ask] : [ask];
  return { state: next, messages };
}

/** A message at the name, address or phone step; `then` continues once the three are saved. */
export async function takeIdentity(
  ctx: FlowContext,
  state: HearingCommentState,
  then: Continue,
): Promise<FlowResult> {
  if (state.step === 'name') return takeName(ctx, state);
  if (state.step === 'address') return takeAddress(ctx, state);
  return takePhone(ctx, state, then);
}

function takeName(ctx: FlowContext, state: HearingCommentState): FlowResult {
  const { incoming, t } = ctx;
  if (incoming.kind !== 'text') return stay(state, t('hearing-ask-name'));
  const name = checkFullName(incoming.text);
  if (!name.ok) {
    return stay(
      state,
      t(`hearing-name-${name.reason.replaceAll('_', '-')}`, { max: FULL_NAME_MAX }),
    );
  }
  const next: HearingCommentState = { ...state, step: 'address', fullName: name.value };
  return { state: next, messages: [{ text: t('hearing-ask-address') }] };
}

function takeAddress(ctx: FlowContext, state: HearingCommentState): FlowResult {
  const { incoming, t } = ctx;
  if (incoming.kind !== 'text') return stay(state, t('hearing-ask-address'));
  const address = checkAddress(incoming.text);
  if (!address.ok) {
    const key = `hearing-address-${address.reason.replaceAll('_', '-')}`;
    return stay(state, t(key, { max: ADDRESS_MAX }));
  }
  const next: HearingCommentState = { ...state, step: 'phone', address: address.value };
  return {
    state: next,
    messages: [{ text: askPhoneText(ctx), keyboard: phoneKeyboard(t, ctx.incoming.channel) }],
  };
}

async function takePhone(
  ctx: FlowContext,
  state: HearingCommentState,
  then: Continue,
): Promise<FlowResult> {
  const { incoming, t } = ctx;
  if (incoming.kind === 'contact') {
    // Someone else's card would put another person's number under the resident's comment.
    if (!incoming.own) return stay(state, t('hearing-phone-not-own'));
    return savePhone(ctx, state, incoming.phone, true, then);
  }
  if (incoming.kind === 'text') return savePhone(ctx, state, incoming.text, false, then);
  return stay(state, askPhoneText(ctx));
}

async function savePhone(
  ctx: FlowContext,
  state: HearingCommentState,
  given: string,
  fromContact: boolean,
  then: Continue,
): Promise<FlowResult> {
  const { t, resident, services } = ctx;
  const phone = normalizePhone(given);
  if (!phone.ok) return stay(state, t(`hearing-phone-${phone.reason.replaceAll('_', '-')}`));
  if (!resident) return leave(ctx, t('hearing-consent-needed'));
  if (!state.fullName || !state.address) return askIdentity(ctx, state, false);

  await saveIdentity(services.db, resident.id, {
    fullName: state.fullName,
    address: state.address,
    phone: phone.value,
    phoneFromContact: fromContact,
  });
  const { hearingId, kind, locale } = state;
  return then(ctx, {
    screen: 'hearing-comment',
    ...(locale ? { locale } : {}),
    hearingId,
    kind,
    step: 'text',
  });
}

function askPhoneText(ctx: FlowContext): string {
  const key = sharesContact(ctx.incoming.channel) ? 'hearing-ask-phone' : 'hearing-ask-phone-typed';
  return ctx.t(key);
}
