import type { Db } from '../db/client.ts';
import type { ArticleDoc, HelpSearch, SearchHit } from './search-types.ts';

/** An article as residents read it. */
export interface ArticleView {
  id: number;
  question: string;
  answer: string;
}

/** The knowledge base as the dialogue uses it: search, read, and refresh after edits. */
export interface KnowledgeBase {
  search(question: string, limit?: number): Promise<SearchHit[]>;
  article(id: number): Promise<ArticleView | null>;
  /**
   * Forgets the index (an operator added or changed an article): the next search rebuilds it,
   * by then from the committed change.
   */
  invalidate(): void;
}

/** How often a process picks up articles other processes added. */
const REFRESH_EVERY_MS = 60_000;

/**
 * The published articles, indexed in memory. Only articles residents may read are indexed:
 * one whose city contact the operators have not confirmed yet (needsContact) waits.
 */
export function createKnowledgeBase(
  db: Db,
  buildSearch: (articles: ArticleDoc[]) => HelpSearch,
  now: () => number = Date.now,
): KnowledgeBase {
  let index: HelpSearch | undefined;
  let builtAt = 0;
  let building: Promise<HelpSearch> | undefined;

  async function build(): Promise<HelpSearch> {
    const rows = await db.article.findMany({
      where: { published: true, needsContact: false },
      select: { id: true, question: true, phrasings: true, answer: true, tags: true },
    });
    index = buildSearch(rows);
    builtAt = now();
    return index;
  }

  async function current(): Promise<HelpSearch> {
    if (index && now() - builtAt < REFRESH_EVERY_MS) return index;
    building ??= build().finally(() => {
      building = undefined;
    });
    return building;
  }

  return {
    async search(question, limit = 3) {
      return (await current()).search(question, limit);
    },
    async article(id) {
      return db.article.findFirst({
        where: { id, published: true },
        select: { id: true, question: true, answer: true },
      });
    },
    invalidate() {
      builtAt = 0;
    },
  };
}
