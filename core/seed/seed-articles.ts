import { isDeepStrictEqual } from 'node:util';
import type { Db, Prisma } from '../db/client.ts';
import type { ArticleSeed } from './seed-schemas.ts';

/**
 * Writes the knowledge base the project ships, by slug. The seed owns the slugs it ships:
 * a missing article is created (published), a changed one is brought back to the file, and an
 * unchanged one is not written at all, so seeding twice changes nothing (not even updatedAt).
 *
 * Two operator decisions survive a seed: `published` is only set when an article is created,
 * so an article an operator unpublished stays unpublished; and an article the file marks
 * `needsContact` whose row an operator has cleared (having filled in the city's contact) is
 * left as the operator wrote it. Articles with other slugs (the operators' own) and articles
 * the file no longer lists are never touched: residents' questions may point at them.
 */
export async function upsertArticles(
  db: Db,
  articles: readonly ArticleSeed[],
  mode: 'replace' | 'fill' = 'replace',
): Promise<void> {
  const slugs = articles.map((article) => article.slug);
  const rows = await db.article.findMany({ where: { slug: { in: slugs } } });
  const bySlug = new Map(rows.map((row) => [row.slug, row]));

  for (const article of articles) {
    const fields = articleFields(article);
    const row = bySlug.get(article.slug);
    if (row === undefined) {
      await db.article.create({ data: { slug: article.slug, ...fields } });
      continue;
    }
    // Filling leaves operators' edits to seeded articles alone.
    if (mode === 'fill') continue;
    const completedByOperators = article.needsContact && !row.needsContact;
    if (!completedByOperators && !sameFields(row, fields)) {
      await db.article.update({ where: { id: row.id }, data: fields });
    }
  }
}

type ArticleFields = Omit<ArticleSeed, 'slug' | 'sources'> & { sources: Prisma.InputJsonArray };

function articleFields({ slug: _slug, sources, ...rest }: ArticleSeed): ArticleFields {
  return { ...rest, sources: sources.map(({ fact, source }) => ({ fact, source })) };
}

function sameFields(row: Record<keyof ArticleFields, unknown>, fields: ArticleFields): boolean {
  const keys = Object.keys(fields) as (keyof ArticleFields)[];
  return keys.every((key) => isDeepStrictEqual(row[key], fields[key]));
}
