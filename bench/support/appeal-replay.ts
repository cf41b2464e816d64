import type { PrismaClient } from '../../core/db/client.ts';
import { MIN_DESCRIPTION_LENGTH, MIN_DESCRIPTION_WORDS } from '../../core/reports/rules.ts';
import { type Appeal, ourCategoryFor } from '../../test/support/appeals.ts';
import { checkReplay, type ReplayItem, type ReplaySummary } from './appeal-replay-check.ts';
import {
  type DistrictShape,
  districtShapes,
  districtsContaining,
  pointInside,
} from './district-points.ts';
import { runPool } from './pool.ts';
import { fileReport, type ReportPlan } from './report-walk.ts';
import type { WebhookTarget } from './resident.ts';

export { formatReplaySummary, type ReplaySummary } from './appeal-replay-check.ts';

/**
 * Replays real appeals as Telegram reports through the webhook, one new resident per appeal:
 * a point inside one of the seeded districts (taking them in turn), the appeal's number of
 * photos (1 to 3, more than one as an album), its text as the description and a category
 * chosen with the buttons. Then checks what was stored against what each resident did.
 */

export interface ReplayOptions {
  prisma: PrismaClient;
  target: WebhookTarget;
  appeals: readonly Appeal[];
  /** How many residents write at once. */
  concurrency: number;
  firstChatId: number;
}

// Added to a refused text, as a resident adds a few words when asked to.
const MORE_WORDS = 'Подробности на фото, просим проверить на месте.';

/** Plans, replays and checks; resolves with the counts (one bad appeal is counted, not thrown). */
export async function replayAppeals(options: ReplayOptions): Promise<ReplaySummary> {
  const { prisma } = options;
  const districts = districtShapes(await prisma.district.findMany({ orderBy: { id: 'asc' } }));
  const categories = await prisma.category.findMany({ orderBy: { sortOrder: 'asc' } });
  const nameOf = new Map(categories.map((category) => [category.code, category.name]));
  const items = options.appeals.map((appeal, index) =>
    planItem(appeal, index, options.firstChatId + index, districts, nameOf),
  );

  const started = performance.now();
  const outcomes = await runPool(items.length, options.concurrency, async (index) => {
    const item = items[index];
    if (!item) return new Error('no such appeal');
    return fileReport(options.target, item.plan).catch((error: unknown) =>
      error instanceof Error ? error : new Error(String(error)),
    );
  });
  const seconds = (performance.now() - started) / 1000;

  const codeOf = new Map(categories.map((category) => [category.name, category.code]));
  return checkReplay({ prisma, items, outcomes, codeOf, seconds });
}

function planItem(
  appeal: Appeal,
  index: number,
  chatId: number,
  districts: readonly DistrictShape[],
  nameOf: ReadonlyMap<string, string>,
): ReplayItem {
  const district = districts[index % districts.length];
  if (!district) throw new Error('The seeded city has no districts');
  const point = pointInside(district, districts, chatId);
  const [holder = ''] = districtsContaining(point, districts);
  const wanted = nameOf.get(ourCategoryFor(appeal)) ?? '';

  const plan: ReportPlan = {
    chatId,
    point,
    photos: Math.min(Math.max(appeal.photos, 1), 3),
    description: appeal.text,
    longerDescription: `${appeal.text.trim()} ${MORE_WORDS}`,
    // One resident in three looks through the whole list; the others take the suggestion.
    category:
      index % 3 === 2
        ? { kind: 'other', pick: (suggested, all) => another(wanted, suggested[0], all) }
        : { kind: 'suggested' },
  };
  return { appeal, plan, district: holder, tooShort: breaksDescriptionRule(appeal.text) };
}

/** `wanted` unless the bot suggested it first; then the next category in the list. */
function another(wanted: string, suggested: string | undefined, all: readonly string[]): string {
  const at = Math.max(all.indexOf(wanted), 0);
  const label = all[at] ?? '';
  return label === suggested ? (all[(at + 1) % all.length] ?? label) : label;
}

/** The rule as residents are told it: at least two words and a few letters. */
function breaksDescriptionRule(text: string): boolean {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  const words = collapsed.split(' ').filter((word) => /[\p{L}\p{N}]/u.test(word));
  return words.length < MIN_DESCRIPTION_WORDS || collapsed.length < MIN_DESCRIPTION_LENGTH;
}
