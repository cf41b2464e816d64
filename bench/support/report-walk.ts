import type { Message, PhotoSize, Update } from 'grammy/types';
import type { GeoPoint } from '../../core/geo/geometry.ts';
import { type TextArgs, translator } from '../../core/i18n/index.ts';
import { MAX_DESCRIPTION_LENGTH, MAX_PHOTOS } from '../../core/reports/rules.ts';
import {
  album,
  command,
  locationMessage,
  photoMessage,
  textMessage,
} from '../../test/fakes/telegram-updates.ts';
import {
  type Reply,
  SimulatedResident,
  UnexpectedReplyError,
  type WebhookTarget,
} from './resident.ts';

/** How the resident settles the category: the bot's first suggestion, or one from the list. */
export type CategoryChoice =
  | { kind: 'suggested' }
  /** Opens "other categories" and picks a label from the full list. */
  | { kind: 'other'; pick: (suggested: readonly string[], all: readonly string[]) => string };

/** One report as a resident files it, from /start to the ticket number. */
export interface ReportPlan {
  chatId: number;
  point: GeoPoint;
  /** 1 is a single photo; more are sent as one album. */
  photos: number;
  description: string;
  /** Sent instead when the bot refuses `description`. */
  longerDescription: string;
  category: CategoryChoice;
}

export type DescriptionRefusal = 'too_short' | 'empty' | 'too_long';

/** What the resident saw and did while filing the report. */
export interface FiledReport {
  ticket: number;
  /** Set when the first description was refused, with the reason the bot's answer gave. */
  refusal?: DescriptionRefusal;
  /** The description the bot accepted. */
  description: string;
  /** The category button pressed last. */
  categoryLabel: string;
  /** Whether that was the bot's first suggestion. */
  tookSuggestion: boolean;
  /** The largest size of each photo sent, in order: what the report should keep. */
  photoFileIds: string[];
  updatesSent: number;
}

const t = translator('ru');
// Stands in for an argument whose value is not known beforehand, to split a text around it.
const MARK = '\u0000';
const is = (key: string, args?: TextArgs) => {
  const text = t(key, args);
  return (reply: Reply) => reply.text === text;
};
const offers = (key: string) => {
  const label = t(key);
  return (reply: Reply) => reply.labels.includes(label);
};

const outsideCity = is('report-location-outside');

const REFUSALS: Array<[DescriptionRefusal, (reply: Reply) => boolean]> = [
  ['too_short', is('report-description-too-short')],
  ['empty', is('report-description-empty')],
  [
    'too_long',
    startsWith('report-description-too-long', { length: MARK, max: MAX_DESCRIPTION_LENGTH }),
  ],
];

/** Walks a new resident through consent and a whole report over the webhook. */
export async function fileReport(target: WebhookTarget, plan: ReportPlan): Promise<FiledReport> {
  const resident = new SimulatedResident(target, plan.chatId, new Set([t('error-generic')]));
  const { chatId } = plan;

  await resident.send([command(chatId, '/start')], offers('consent-accept'));
  await resident.press(t('consent-accept'), is('menu-title'));
  const { latitude, longitude } = plan.point;
  const located = await resident.send(
    [locationMessage(chatId, latitude, longitude)],
    anyOf(is('report-ask-photos', { max: MAX_PHOTOS }), outsideCity),
  );
  if (outsideCity(located)) {
    throw new UnexpectedReplyError(`chat ${chatId}: the point was refused as outside the city`);
  }

  const photos = plan.photos > 1 ? album(chatId, plan.photos) : [photoMessage(chatId)];
  const photosTaken =
    plan.photos > 1
      ? is('report-photos-album')
      : is('report-photos-count', { count: 1, max: MAX_PHOTOS });
  await resident.send(photos, photosTaken);
  await resident.send([textMessage(chatId, t('report-photos-done'))], is('report-ask-description'));

  const described = await describeProblem(resident, plan);
  const category = await chooseCategory(resident, plan.category, described.prompt);
  const submitted = await resident.press(t('report-submit'), ticketOf.matches);

  return {
    ticket: ticketOf.read(submitted.text),
    ...(described.refusal ? { refusal: described.refusal } : {}),
    description: described.text,
    categoryLabel: category.label,
    tookSuggestion: category.tookSuggestion,
    photoFileIds: photos.map(largestPhotoId),
    updatesSent: resident.updatesSent,
  };
}

async function describeProblem(resident: SimulatedResident, plan: ReportPlan) {
  const categoryPrompt = offers('report-all-categories');
  const answered = (reply: Reply) => categoryPrompt(reply) || refusalOf(reply) !== undefined;

  const first = await resident.send([textMessage(plan.chatId, plan.description)], answered);
  const refusal = refusalOf(first);
  if (!refusal) return { prompt: first, text: plan.description };

  const second = await resident.send([textMessage(plan.chatId, plan.longerDescription)], answered);
  if (!categoryPrompt(second)) {
    throw new UnexpectedReplyError(`chat ${plan.chatId}: the longer description was refused too`);
  }
  return { prompt: second, text: plan.longerDescription, refusal };
}

async function chooseCategory(resident: SimulatedResident, choice: CategoryChoice, prompt: Reply) {
  const others = t('report-all-categories');
  const suggested = prompt.labels.filter((label) => label !== others);
  const summary = offers('report-submit');

  const first = suggested[0];
  if (choice.kind === 'suggested' && first !== undefined) {
    await resident.press(first, summary);
    return { label: first, tookSuggestion: true };
  }

  const list = await resident.press(
    others,
    (reply) =>
      reply.text === t('report-ask-category') &&
      !reply.labels.includes(others) &&
      reply.labels.length > 0,
  );
  const label =
    choice.kind === 'other' ? choice.pick(suggested, list.labels) : (list.labels[0] ?? '');
  await resident.press(label, summary);
  return { label, tookSuggestion: label === first };
}

function refusalOf(reply: Reply): DescriptionRefusal | undefined {
  return REFUSALS.find(([, matches]) => matches(reply))?.[0];
}

function anyOf(...matchers: Array<(reply: Reply) => boolean>) {
  return (reply: Reply) => matchers.some((matches) => matches(reply));
}

/** Matches a text's beginning, up to where the first MARK given in `args` goes. */
function startsWith(key: string, args: TextArgs) {
  const [prefix = ''] = t(key, args).split(MARK);
  return (reply: Reply) => reply.text.startsWith(prefix);
}

/** The "report accepted" message and the ticket number in it. */
const ticketOf = (() => {
  const [before = '', after = ''] = t('report-submitted', { number: MARK }).split(MARK);
  const pattern = new RegExp(`^${escapeRegExp(before)}(\\d+)${escapeRegExp(after.slice(0, 12))}`);
  return {
    matches: (reply: Reply) => pattern.test(reply.text),
    read: (text: string) => Number(pattern.exec(text)?.[1] ?? Number.NaN),
  };
})();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function largestPhotoId(update: Update): string {
  const sizes: PhotoSize[] = (update.message as Message.PhotoMessage | undefined)?.photo ?? [];
  const largest = sizes.reduce<PhotoSize | undefined>(
    (best, size) => (!best || size.width * size.height > best.width * best.height ? size : best),
    undefined,
  );
  return largest?.file_id ?? '';
}
