import { z } from 'zod';
import { areaGeometrySchema } from '../geo/geometry.ts';

/** The shapes of the files under seed/ (see seed/README.md). */
const code = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'a code is lowercase latin letters, digits, "_" or "-"');
const text = z.string().trim().min(1, 'must not be empty');

export const districtFeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({ code, name: text, approximate: z.boolean().default(false) }),
  geometry: areaGeometrySchema,
});

export const districtsFileSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(districtFeatureSchema).min(1, 'list at least one district'),
});

export const officeSchema = z
  .object({
    code,
    name: text,
    kind: z.enum(['city', 'district', 'dispatcher']),
    districtCode: code.optional(),
  })
  .refine((office) => (office.kind === 'district') === (office.districtCode !== undefined), {
    message: 'a district office names its districtCode, and only a district office does',
    path: ['districtCode'],
  });

export const categorySchema = z.object({
  code,
  name: text,
  description: text,
  sortOrder: z.number().int(),
  deadlineDays: z.number().int().min(1).max(365).default(8),
  urgent: z.boolean().default(false),
  /** Months (1-12) an urgent category is urgent in; empty or absent: all year. */
  urgentMonths: z.array(z.number().int().min(1).max(12)).default([]),
});

export const categoryRouteSchema = z.object({
  category: code,
  district: code.nullable(),
  office: code,
});

/** The help desk's fixed list of topics; an article belongs to exactly one. */
export const ARTICLE_TOPICS = [
  'emergency',
  'heating',
  'water',
  'electricity',
  'snow',
  'rubbish',
  'housing',
  'transport',
  'documents',
  'animals',
  'bot',
] as const;

/**
 * The words an article's answer carries while a city contact in it is still unconfirmed:
 * residents read that the operators will add it, and the operators can find such articles.
 */
export const CONTACT_PENDING_MARK = 'операторы справочной добавят';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a slug is kebab-case: lowercase latin words and "-"');

export const articleSchema = z
  .object({
    slug,
    question: text,
    phrasings: z.array(text).min(3, 'give at least 3 phrasings').max(6, 'at most 6 phrasings'),
    answer: text,
    tags: z.array(text).min(1, 'give at least one tag'),
    topic: z.enum(ARTICLE_TOPICS),
    needsContact: z.boolean(),
    sources: z
      .array(z.object({ fact: text, source: text }))
      .min(1, 'note where the facts come from'),
  })
  .refine((article) => article.needsContact === article.answer.includes(CONTACT_PENDING_MARK), {
    message: `an answer says "${CONTACT_PENDING_MARK}" exactly when needsContact is true`,
    path: ['answer'],
  });

/** A question written apart from the articles, for measuring search; never seeded. */
export const heldOutQuestionSchema = z.object({ question: text, slug });

export const officesFileSchema = z.array(officeSchema);
export const categoriesFileSchema = z.array(categorySchema).min(1, 'list at least one category');
export const categoryRoutesFileSchema = z.array(categoryRouteSchema);
export const articlesFileSchema = z.array(articleSchema);
export const heldOutQuestionsFileSchema = z.array(heldOutQuestionSchema);

export type DistrictSeed = {
  code: string;
  name: string;
  approximate: boolean;
  boundary: z.infer<typeof areaGeometrySchema>;
};
export type OfficeSeed = z.infer<typeof officeSchema>;
export type CategorySeed = z.infer<typeof categorySchema>;
export type CategoryRouteSeed = z.infer<typeof categoryRouteSchema>;
export type ArticleSeed = z.infer<typeof articleSchema>;
export type HeldOutQuestion = z.infer<typeof heldOutQuestionSchema>;

/** Everything seed/ holds, validated and cross-checked. */
export interface SeedData {
  districts: DistrictSeed[];
  offices: OfficeSeed[];
  categories: CategorySeed[];
  routes: CategoryRouteSeed[];
  /** The help desk's knowledge base as the project ships it. */
  articles: ArticleSeed[];
}
