import type { PrismaClient } from '../../core/db/client.ts';
import type { Appeal } from '../../test/support/appeals.ts';
import type { DescriptionRefusal, FiledReport, ReportPlan } from './report-walk.ts';

/** One appeal made into a plan, with what its stored report must then look like. */
export interface ReplayItem {
  appeal: Appeal;
  plan: ReportPlan;
  /** The code of the district the plan's point lies in. */
  district: string;
  /** Whether the text breaks the description rule (too few words or letters). */
  tooShort: boolean;
}

export interface ReplaySummary {
  appeals: number;
  /** Got a ticket number. */
  filed: number;
  /** Exactly one report stored for the resident, under the ticket they were given. */
  storedOnce: number;
  /** Reports in the whole database: none but the replay's may appear. */
  reportsInDatabase: number;
  rightDistrict: number;
  rightCategory: number;
  rightPhotos: number;
  rightDescription: number;
  tookSuggestion: number;
  choseFromList: number;
  /** The appeals whose text breaks the description rule, by our own reading of it. */
  tooShortTexts: number;
  refused: Record<DescriptionRefusal, number>;
  photos: number;
  byDistrict: Record<string, number>;
  /** One line per appeal that went wrong: its id and every check it failed. */
  failures: string[];
  seconds: number;
}

type Check = 'rightDistrict' | 'rightCategory' | 'rightPhotos' | 'rightDescription';

interface StoredReport {
  number: number;
  description: string;
  category: { code: string };
  district: { code: string } | null;
  photos: Array<{ fileId: string }>;
}

/** Compares what the database holds with what each resident did and was told. */
export async function checkReplay(input: {
  prisma: PrismaClient;
  items: readonly ReplayItem[];
  outcomes: ReadonlyArray<FiledReport | Error>;
  /** Category code by the label on its button. */
  codeOf: ReadonlyMap<string, string>;
  seconds: number;
}): Promise<ReplaySummary> {
  const { prisma, items, outcomes } = input;
  const byChat = await storedByChat(prisma, items);
  const summary = emptySummary(items.length, input.seconds);
  summary.reportsInDatabase = await prisma.report.count();

  items.forEach((item, index) => {
    const outcome = outcomes[index];
    const problems =
      outcome === undefined || outcome instanceof Error
        ? [`not filed: ${outcome?.message ?? 'no outcome'}`]
        : checkOne(item, outcome, byChat.get(String(item.plan.chatId)) ?? [], input, summary);
    if (problems.length > 0) {
      summary.failures.push(`appeal ${item.appeal.id}: ${problems.join('; ')}`);
    }
  });
  return summary;
}

async function storedByChat(prisma: PrismaClient, items: readonly ReplayItem[]) {
  const reports = await prisma.report.findMany({
    where: { resident: { chatId: { in: items.map((item) => String(item.plan.chatId)) } } },
    include: {
      resident: { select: { chatId: true } },
      category: { select: { code: true } },
      district: { select: { code: true } },
      photos: { orderBy: { position: 'asc' }, select: { fileId: true } },
    },
  });
  const byChat = new Map<string, StoredReport[]>();
  for (const report of reports) {
    const chat = report.resident.chatId;
    byChat.set(chat, [...(byChat.get(chat) ?? []), report]);
  }
  return byChat;
}

function checkOne(
  item: ReplayItem,
  filed: FiledReport,
  stored: readonly StoredReport[],
  input: { codeOf: ReadonlyMap<string, string> },
  summary: ReplaySummary,
): string[] {
  const problems = countWalk(item, filed, summary);
  const [report, ...extra] = stored;
  if (!report || extra.length > 0 || report.number !== filed.ticket) {
    return [...problems, `${stored.length} report(s) stored for ticket ${filed.ticket}`];
  }
  summary.storedOnce += 1;
  const district = report.district?.code ?? 'none';
  summary.byDistrict[district] = (summary.byDistrict[district] ?? 0) + 1;

  const photoIds = report.photos.map((photo) => photo.fileId);
  const checks: Array<[Check, boolean, string]> = [
    ['rightDistrict', district === item.district, `district ${district}, not ${item.district}`],
    [
      'rightCategory',
      report.category.code === input.codeOf.get(filed.categoryLabel),
      `category ${report.category.code}, not "${filed.categoryLabel}"`,
    ],
    [
      'rightPhotos',
      sameList(photoIds, filed.photoFileIds),
      `photos ${photoIds.length}, not ${filed.photoFileIds.length} sent`,
    ],
    ['rightDescription', report.description === collapse(filed.description), 'description'],
  ];
  for (const [check, ok, problem] of checks) {
    if (ok) summary[check] += 1;
    else problems.push(problem);
  }
  return problems;
}

/** Counts what the resident went through; a refusal must match the rule. */
function countWalk(item: ReplayItem, filed: FiledReport, summary: ReplaySummary): string[] {
  summary.filed += 1;
  summary.photos += filed.photoFileIds.length;
  if (filed.tookSuggestion) summary.tookSuggestion += 1;
  else summary.choseFromList += 1;
  if (filed.refusal) summary.refused[filed.refusal] += 1;
  if (item.tooShort) summary.tooShortTexts += 1;

  if (item.tooShort === (filed.refusal === 'too_short')) return [];
  const rule = item.tooShort ? 'breaks' : 'keeps';
  return [`the text ${rule} the rule, the bot's answer: ${filed.refusal ?? 'accepted'}`];
}

function emptySummary(appeals: number, seconds: number): ReplaySummary {
  return {
    appeals,
    filed: 0,
    storedOnce: 0,
    reportsInDatabase: 0,
    rightDistrict: 0,
    rightCategory: 0,
    rightPhotos: 0,
    rightDescription: 0,
    tookSuggestion: 0,
    choseFromList: 0,
    tooShortTexts: 0,
    refused: { too_short: 0, empty: 0, too_long: 0 },
    photos: 0,
    byDistrict: {},
    failures: [],
    seconds,
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The counts as lines for a person to read. */
export function formatReplaySummary(summary: ReplaySummary): string[] {
  const districts = Object.entries(summary.byDistrict)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
  const { refused } = summary;
  return [
    `appeals replayed:         ${summary.appeals} in ${summary.seconds.toFixed(1)} s`,
    `filed (ticket received):  ${summary.filed}`,
    `stored exactly once:      ${summary.storedOnce} ` +
      `(reports in the database: ${summary.reportsInDatabase})`,
    `in the right district:    ${summary.rightDistrict} (${districts})`,
    `with the right category:  ${summary.rightCategory} ` +
      `(suggestion taken ${summary.tookSuggestion}, ` +
      `chosen from the full list ${summary.choseFromList})`,
    `with their photos:        ${summary.rightPhotos} (${summary.photos} photos)`,
    `with their description:   ${summary.rightDescription}`,
    `refused as too short:     ${refused.too_short} ` +
      `(texts breaking the rule: ${summary.tooShortTexts}; ` +
      `refused as empty ${refused.empty}, as too long ${refused.too_long})`,
    `failures:                 ${summary.failures.length}`,
    ...summary.failures.slice(0, 20).map((failure) => `  ${failure}`),
  ];
}
