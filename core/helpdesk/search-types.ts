/** What the help desk's search indexes of an article. */
export interface ArticleDoc {
  id: number;
  question: string;
  phrasings: readonly string[];
  answer: string;
  tags: readonly string[];
}

/** One article found for a question, best first. */
export interface SearchHit {
  articleId: number;
  /** The raw ranking score; only comparable within one search. */
  score: number;
  /** How sure we are that this article answers the question, in [0, 1]. */
  confidence: number;
}

/** Finds the articles that answer a question written in the resident's own words. */
export interface HelpSearch {
  search(question: string, limit?: number): SearchHit[];
  readonly size: number;
}
