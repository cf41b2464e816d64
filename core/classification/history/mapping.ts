import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { categoriesFileSchema } from '../../seed/seed-schemas.ts';

/** The seeded list of our categories, whose codes a mapping must use. */
export const OUR_CATEGORIES_FILE = new URL('../../../seed/categories.json', import.meta.url);

/**
 * How one city's categories of past reports become ours, kept as data (seed/category-mappings).
 * A rule names a source category, a reason within it, or both, and either gives our category
 * code (`to`) or says why such reports are left out (`skip`). The most specific rule wins:
 * category and reason, then reason alone, then category alone. A report no rule covers is
 * left out too, and counted, so that a city sees what its mapping does not yet say.
 */
const ruleSchema = z
  .object({
    category: z.string().min(1).optional(),
    reason: z.string().min(1).optional(),
    to: z.string().min(1).optional(),
    skip: z.string().min(1).optional(),
  })
  .refine((rule) => rule.category !== undefined || rule.reason !== undefined, {
    message: 'a rule names a category, a reason or both',
  })
  .refine((rule) => (rule.to === undefined) !== (rule.skip === undefined), {
    message: 'a rule has either "to" (our category code) or "skip" (why it is left out)',
  });

export const categoryMappingSchema = z.object({
  /** Where the history comes from, in a sentence. */
  source: z.string().min(1),
  /** The history's columns: the report text, its category and (optionally) a finer reason. */
  columns: z.object({
    text: z.string().min(1),
    category: z.string().min(1),
    reason: z.string().min(1).optional(),
  }),
  rules: z.array(ruleSchema).min(1),
  /** Free notes for the people who keep the mapping; the code does not read them. */
  notes: z.array(z.string()).optional(),
});

export type CategoryMapping = z.infer<typeof categoryMappingSchema>;
export type MappingColumns = CategoryMapping['columns'];

/** A mapping file, validated (a ZodError names what is wrong). */
export function readCategoryMapping(path: string | URL): CategoryMapping {
  return categoryMappingSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Our category codes from a categories file (seed/categories.json by default). */
export function readOurCategoryCodes(path: string | URL = OUR_CATEGORIES_FILE): string[] {
  const categories = categoriesFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  return categories.map((category) => category.code);
}

/** The mapped history: texts with our category codes, and what was left out and why. */
export interface MappedHistory {
  texts: string[];
  categories: string[];
  /** Our category code of every row, or undefined where the row was left out. */
  codeByRow: Array<string | undefined>;
  /** Rows left out, by reason given (a rule's `skip`, "no rule …", "empty text"). */
  skipped: Map<string, number>;
}

/**
 * Applies the mapping to CSV rows. Whitespace inside names is collapsed before matching, since
 * exports break long names over lines and double their spaces. With `knownCodes`, a rule
 * pointing to any other code is an error rather than a silently new category.
 */
export function applyCategoryMapping(
  rows: ReadonlyArray<Readonly<Record<string, string>>>,
  mapping: CategoryMapping,
  knownCodes?: readonly string[],
): MappedHistory {
  if (knownCodes) checkCodes(mapping, knownCodes);
  const decide = ruleIndex(mapping);
  const { columns } = mapping;
  const mapped: MappedHistory = { texts: [], categories: [], codeByRow: [], skipped: new Map() };
  const skip = (why: string) => {
    mapped.skipped.set(why, (mapped.skipped.get(why) ?? 0) + 1);
    mapped.codeByRow.push(undefined);
  };

  for (const row of rows) {
    const text = (row[columns.text] ?? '').trim();
    const category = squeeze(row[columns.category] ?? '');
    const reason = columns.reason === undefined ? '' : squeeze(row[columns.reason] ?? '');
    const decision = decide(category, reason);
    if (text === '') skip('empty text');
    else if ('skip' in decision) skip(decision.skip);
    else {
      mapped.texts.push(text);
      mapped.categories.push(decision.to);
      mapped.codeByRow.push(decision.to);
    }
  }
  return mapped;
}

type Decision = { to: string } | { skip: string };

function ruleIndex(mapping: CategoryMapping): (category: string, reason: string) => Decision {
  const byBoth = new Map<string, Decision>();
  const byReason = new Map<string, Decision>();
  const byCategory = new Map<string, Decision>();
  for (const rule of mapping.rules) {
    const decision: Decision = rule.to !== undefined ? { to: rule.to } : { skip: rule.skip ?? '' };
    const category = rule.category === undefined ? undefined : squeeze(rule.category);
    const reason = rule.reason === undefined ? undefined : squeeze(rule.reason);
    if (category !== undefined && reason !== undefined) byBoth.set(key(category, reason), decision);
    else if (reason !== undefined) byReason.set(reason, decision);
    else if (category !== undefined) byCategory.set(category, decision);
  }
  return (category, reason) =>
    byBoth.get(key(category, reason)) ??
    byReason.get(reason) ??
    byCategory.get(category) ?? {
      skip: `no rule for "${reason === '' ? category : `${category} / ${reason}`}"`,
    };
}

function checkCodes(mapping: CategoryMapping, knownCodes: readonly string[]): void {
  const known = new Set(knownCodes);
  const unknown = mapping.rules.flatMap((rule) =>
    rule.to !== undefined && !known.has(rule.to) ? [rule.to] : [],
  );
  if (unknown.length > 0) {
    throw new Error(
      `The mapping names unknown category codes: ${[...new Set(unknown)].join(', ')}; ` +
        `use one of ${knownCodes.join(', ')}`,
    );
  }
}

function key(category: string, reason: string): string {
  return `${category}\u0000${reason}`;
}

function squeeze(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}
