import type { Topic } from '../../../generated/prisma/enums.ts';
import { TOPICS } from '../../broadcast/publish.ts';
import { follow, listFollows, unfollow } from '../../subscriptions/topics.ts';
import { viewButton } from '../buttons.ts';
import type { FlowContext, FlowResult } from '../context.ts';
import type { Feature } from '../features.ts';
import type { InlineButton } from '../types.ts';
import { afterConsent, type ConsentThen, consentRequest } from './menu.ts';

/**
 * The one menu where a resident manages what the city sends them: hearings, officials'
 * reports, volunteer news and one district's news. Every button is a view button, so a
 * subscriptions message (or a broadcast's "unsubscribe") works however old it is.
 */
export const subscriptionsFeature: Feature = {
  commands: { subscriptions: (ctx) => showSubscriptions(ctx) },
  menuLabels: { 'menu-subscriptions': (ctx) => showSubscriptions(ctx) },
  viewButtons: {
    'sub-on': (ctx, arg) => switchOn(ctx, arg),
    'sub-off': (ctx, arg) => switchOff(ctx, arg),
    'sub-district': (ctx, arg) => chooseDistrict(ctx, arg),
    // Where consent given from the subscriptions menu carries on.
    'sub-list': (ctx) => showSubscriptions(ctx),
  },
};

export async function showSubscriptions(ctx: FlowContext, notice?: string): Promise<FlowResult> {
  const { t, resident, services } = ctx;
  if (!resident) return askConsent(ctx, afterConsent('sub-list', 'all'));
  const follows = await listFollows(services.db, resident.id);
  const lines = TOPICS.map((topic) => {
    const followed = follows.find((entry) => entry.topic === topic);
    const district = followed?.district?.name;
    return t(followed ? 'subscriptions-line-on' : 'subscriptions-line-off', {
      topic: t(`subscriptions-topic-${topic}`),
      about: district ? t('subscriptions-district-followed', { district }) : topicAbout(ctx, topic),
    });
  });
  const buttons: InlineButton[][] = TOPICS.map((topic) => {
    const on = follows.some((entry) => entry.topic === topic);
    const label = t(on ? 'subscriptions-turn-off' : 'subscriptions-turn-on', {
      topic: t(`subscriptions-topic-${topic}`),
    });
    return [{ label, payload: viewButton(on ? 'sub-off' : 'sub-on', topic) }];
  });
  if (follows.some((entry) => entry.topic === 'district_news')) {
    buttons.push([
      { label: t('subscriptions-change-district'), payload: viewButton('sub-on', 'district_news') },
    ]);
  }
  const text = [t('subscriptions-title'), '', ...lines].join('\n');
  const result: FlowResult = { state: ctx.state, messages: [{ text, inline: buttons }] };
  return notice === undefined ? result : { ...result, buttonNotice: notice };
}

function topicAbout(ctx: FlowContext, topic: Topic): string {
  return ctx.t(`subscriptions-about-${topic}`);
}

async function switchOn(ctx: FlowContext, arg: string | undefined): Promise<FlowResult> {
  const topic = topicOf(arg);
  if (!topic) return unknownButton(ctx);
  if (!ctx.resident) return askConsent(ctx, afterConsent('sub-on', topic));
  if (topic === 'district_news') return askDistrict(ctx);
  await follow(ctx.services.db, ctx.resident.id, topic);
  const name = ctx.t(`subscriptions-topic-${topic}`);
  return showSubscriptions(ctx, ctx.t('subscriptions-followed', { topic: name }));
}

async function switchOff(ctx: FlowContext, arg: string | undefined): Promise<FlowResult> {
  const topic = topicOf(arg);
  if (!topic) return unknownButton(ctx);
  if (!ctx.resident) return showSubscriptions(ctx);
  await unfollow(ctx.services.db, ctx.resident.id, topic);
  // Said the same whether or not they followed it: a second tap on an old button is harmless.
  const name = ctx.t(`subscriptions-topic-${topic}`);
  return showSubscriptions(ctx, ctx.t('subscriptions-unfollowed', { topic: name }));
}

async function askDistrict(ctx: FlowContext): Promise<FlowResult> {
  const districts = await ctx.services.db.district.findMany({
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
  const rows: InlineButton[][] = [];
  for (let i = 0; i < districts.length; i += 2) {
    rows.push(
      districts.slice(i, i + 2).map((district) => ({
        label: district.name,
        payload: viewButton('sub-district', String(district.id)),
      })),
    );
  }
  return {
    state: ctx.state,
    messages: [{ text: ctx.t('subscriptions-choose-district'), inline: rows }],
  };
}

async function chooseDistrict(ctx: FlowContext, arg: string | undefined): Promise<FlowResult> {
  const id = arg && /^\d{1,9}$/.test(arg) ? Number(arg) : undefined;
  if (!ctx.resident) {
    return id === undefined
      ? unknownButton(ctx)
      : askConsent(ctx, afterConsent('sub-district', id));
  }
  const district =
    id === undefined
      ? null
      : await ctx.services.db.district.findUnique({ where: { id }, select: { name: true } });
  if (id === undefined || !district) return unknownButton(ctx);
  await follow(ctx.services.db, ctx.resident.id, 'district_news', id);
  return showSubscriptions(ctx, ctx.t('subscriptions-district-set', { district: district.name }));
}

/** The consent question; once given, `then` carries on with what the resident pressed. */
function askConsent(ctx: FlowContext, then: ConsentThen): FlowResult {
  const ask = [{ text: ctx.t('subscriptions-consent-needed') }, consentRequest(ctx, then)];
  return { state: ctx.state, messages: ask };
}

function topicOf(arg: string | undefined): Topic | undefined {
  return TOPICS.find((topic) => topic === arg);
}

function unknownButton(ctx: FlowContext): FlowResult {
  return { state: ctx.state, messages: [], buttonNotice: ctx.t('button-unknown') };
}
