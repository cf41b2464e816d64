import { buildSearchIndex, inverseFrequency, type SearchIndex, UnitKind } from './search-index.ts';
import type { ArticleDoc, HelpSearch, SearchHit } from './search-types.ts';
import { type Term, termsOf } from './text.ts';
import { allowedEdits } from './typos.ts';

/**
 * The help desk's search: BM25 over each article's question and phrasings, tags and answer
 * (see search-index.ts), Russian stems, stop words, "ё" folded, and misspelt words matched to
 * the nearest known ones.
 *
 * Why BM25 and not plain TF-IDF: a word repeated in a long answer should not outweigh the same
 * word said once in a short phrasing (BM25 saturates term frequency and normalises by length),
 * and its idf keeps rare words ("пропуск", "ОМС") deciding over common ones ("вода", "дом").
 */

/**
 * From this confidence on, the first hit is offered as the answer and the operator only on
 * request; below it, the resident is offered the operator along with whatever was found.
 * bench/helpdesk-search.ts prints the calibration: on the seed base's held-out questions a first
 * hit this sure was right 95% of the time (a third of the questions reached it), and none of the
 * sample's unrelated questions reached it.
 */
// LIMITATION: on long real appeals against long portal explanations, a hit this sure is right
// only about half the time; the confidence is tuned for short questions to a curated base.
export const CONFIDENT_HIT = 0.5;

// A misspelt word's match counts for less, the more edits it took.
const TYPO_DISCOUNT = [1, 0.75, 0.55];

// Query terms past this many are ignored: a question is a sentence, and each term needs a bit.
const MAX_QUERY_TERMS = 30;

// A word no article has weighs more than the rarest known one: it is evidence that the question
// is about something the base does not cover ("сколько лет Пушкину" only shares "лет").
const UNKNOWN_WORD_WEIGHT = 1.25;

// How much a question term counts towards coverage by where the article has it.
const COVERAGE_BY_KIND = [1, 0.7, 0.45];

/** One stem a question asks for, with how much it counts. */
interface QueryStem {
  stem: string;
  idf: number;
  /** Less than one for a stem reached by correcting a typo. */
  discount: number;
  /** Which question term it stands for (several stems may stand for one misspelt word). */
  term: number;
}

export function createHelpSearch(articles: ArticleDoc[]): HelpSearch {
  const index = buildSearchIndex(articles);
  const scratch = createScratch(index);
  return {
    size: articles.length,
    search: (question, limit = 3) => search(index, scratch, question, limit),
  };
}

function search(
  index: SearchIndex,
  scratch: Scratch,
  question: string,
  limit: number,
): SearchHit[] {
  const terms = distinctTerms(termsOf(question)).slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0 || limit <= 0) return [];
  const stems = terms.flatMap((term, position) => queryStems(index, term, position));
  const weights = terms.map((_, position) => termWeight(index, stems, position));
  const discounts = terms.map((_, position) =>
    Math.max(0, ...stems.filter((stem) => stem.term === position).map((stem) => stem.discount)),
  );

  const ranked = rankArticles(index, scratch, stems, limit + 1);
  const first = ranked[0]?.score ?? 0;
  return ranked.slice(0, limit).map((article, rank) => ({
    articleId: index.articleIds[article.position] ?? -1,
    score: article.score,
    confidence: confidenceOf(article, { weights, discounts }, ranked[rank + 1]?.score ?? 0, first),
  }));
}

function distinctTerms(terms: readonly Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((term) => !seen.has(term.stem) && seen.add(term.stem));
}

// A known stem stands for itself; an unknown one for the nearest known stems, discounted.
function queryStems(index: SearchIndex, term: Term, position: number): QueryStem[] {
  const known = index.articleFrequency.get(term.stem);
  if (known !== undefined) {
    return [{ stem: term.stem, idf: inverseFrequency(index, known), discount: 1, term: position }];
  }
  return index.typos.nearest(term.stem, allowedEdits(term.word.length)).map((near) => ({
    stem: near.stem,
    idf: inverseFrequency(index, index.articleFrequency.get(near.stem) ?? 0),
    discount: TYPO_DISCOUNT[near.distance] ?? 0,
    term: position,
  }));
}

// How much a question term weighs in coverage: its idf, or for a word no article has (and no
// typo explains), the idf of the rarest known word, so that it pulls confidence down.
function termWeight(index: SearchIndex, stems: readonly QueryStem[], position: number): number {
  const own = stems.filter((stem) => stem.term === position).map((stem) => stem.idf);
  return own.length > 0 ? Math.max(...own) : UNKNOWN_WORD_WEIGHT * inverseFrequency(index, 1);
}

/**
 * Buffers one search fills and the next reuses, sized to the index: allocating them per search
 * cost more than the scoring itself on a 10,000-article base. Searches run one at a time (one
 * thread), and every touched entry is reset before the search returns.
 */
interface Scratch {
  unitScore: Float64Array;
  /** Per unit, a bit per question term it matched. */
  unitTerms: Int32Array;
  touchedUnits: number[];
  best: Float64Array;
  rest: Float64Array;
  /** Per article and field kind (phrasing, tags, answer), a bit per question term matched. */
  articleTerms: Int32Array;
  touchedArticles: number[];
}

function createScratch(index: SearchIndex): Scratch {
  const units = index.unitKind.length;
  const articles = index.articleIds.length;
  return {
    unitScore: new Float64Array(units),
    unitTerms: new Int32Array(units),
    touchedUnits: [],
    best: new Float64Array(articles),
    rest: new Float64Array(articles),
    articleTerms: new Int32Array(articles * 3),
    touchedArticles: [],
  };
}

/** An article's score (its best phrasing plus its tags plus its answer) and what it matched. */
interface RankedArticle {
  position: number;
  score: number;
  /** Per field kind, a bit per question term matched there. */
  terms: [number, number, number];
}

function rankArticles(
  index: SearchIndex,
  scratch: Scratch,
  stems: readonly QueryStem[],
  keep: number,
): RankedArticle[] {
  scoreUnits(index, scratch, stems);
  collectArticles(index, scratch);
  const ranked: RankedArticle[] = [];
  for (const position of scratch.touchedArticles) {
    const score = (scratch.best[position] ?? 0) + (scratch.rest[position] ?? 0);
    const last = ranked[ranked.length - 1];
    if (ranked.length >= keep && last && !outranks(score, position, last)) continue;
    const terms = scratch.articleTerms.subarray(position * 3, position * 3 + 3);
    ranked.push({ position, score, terms: [terms[0] ?? 0, terms[1] ?? 0, terms[2] ?? 0] });
    ranked.sort((a, b) => (outranks(a.score, a.position, b) ? -1 : 1));
    if (ranked.length > keep) ranked.pop();
  }
  resetArticles(scratch);
  return ranked;
}

function outranks(score: number, position: number, other: RankedArticle): boolean {
  return score > other.score || (score === other.score && position < other.position);
}

function scoreUnits(index: SearchIndex, scratch: Scratch, stems: readonly QueryStem[]): void {
  const { unitScore, unitTerms, touchedUnits } = scratch;
  for (const query of stems) {
    const postings = index.postings.get(query.stem);
    if (!postings) continue;
    const factor = query.idf * query.discount;
    const bit = 1 << query.term;
    const { units, weights } = postings;
    for (let i = 0; i < units.length; i++) {
      const unit = units[i] ?? 0;
      if (unitTerms[unit] === 0) touchedUnits.push(unit);
      unitScore[unit] = (unitScore[unit] ?? 0) + factor * (weights[i] ?? 0);
      unitTerms[unit] = (unitTerms[unit] ?? 0) | bit;
    }
  }
}

// Folds unit scores into article scores: an article counts once, through its best phrasing.
function collectArticles(index: SearchIndex, scratch: Scratch): void {
  const { unitScore, unitTerms, best, rest, articleTerms, touchedArticles } = scratch;
  for (const unit of scratch.touchedUnits) {
    const position = index.unitArticle[unit] ?? 0;
    const kind = index.unitKind[unit] ?? UnitKind.Answer;
    const score = unitScore[unit] ?? 0;
    if ((best[position] ?? 0) === 0 && (rest[position] ?? 0) === 0) {
      touchedArticles.push(position);
    }
    if (kind === UnitKind.Phrasing) best[position] = Math.max(best[position] ?? 0, score);
    else rest[position] = (rest[position] ?? 0) + score;
    const slot = position * 3 + kind;
    articleTerms[slot] = (articleTerms[slot] ?? 0) | (unitTerms[unit] ?? 0);
    unitScore[unit] = 0;
    unitTerms[unit] = 0;
  }
  scratch.touchedUnits.length = 0;
}

function resetArticles(scratch: Scratch): void {
  for (const position of scratch.touchedArticles) {
    scratch.best[position] = 0;
    scratch.rest[position] = 0;
    scratch.articleTerms.fill(0, position * 3, position * 3 + 3);
  }
  scratch.touchedArticles.length = 0;
}

/**
 * How sure the hit is: the share of the question's weight (idf) the article covers, where a
 * word in a phrasing covers fully, one only in the tags or the answer partly, and a corrected
 * typo less; scaled down when the next hit scores nearly as high (the search could not tell
 * them apart) and for hits below the first.
 */
function confidenceOf(
  article: RankedArticle,
  question: { weights: readonly number[]; discounts: readonly number[] },
  nextScore: number,
  firstScore: number,
): number {
  let total = 0;
  let covered = 0;
  question.weights.forEach((weight, term) => {
    const bit = 1 << term;
    const where = article.terms.findIndex((mask) => (mask & bit) !== 0);
    total += weight;
    if (where >= 0)
      covered += weight * (COVERAGE_BY_KIND[where] ?? 0) * (question.discounts[term] ?? 0);
  });
  const coverage = total > 0 ? covered / total : 0;
  const margin = article.score > 0 ? 1 - nextScore / article.score : 0;
  const standing = firstScore > 0 ? Math.sqrt(article.score / firstScore) : 0;
  return clamp(coverage * standing * (0.7 + 0.3 * margin));
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
