import type { ArticleDoc } from './search-types.ts';
import { termsOf } from './text.ts';
import { TypoIndex } from './typos.ts';

/**
 * The inverted index behind the help desk's search. Each article is cut into units: its
 * question and each phrasing (one unit apiece, so that an article never wins by the sheer
 * number of its phrasings), its tags, its answer. A posting holds the BM25 term-frequency part
 * of one stem in one unit, already multiplied by its field's weight, so a search only adds
 * `idf × posting` per match.
 */

/** Which part of an article a unit is. */
export const UnitKind = { Phrasing: 0, Tags: 1, Answer: 2 } as const;
export type UnitKind = (typeof UnitKind)[keyof typeof UnitKind];

/**
 * How much a match counts by field. Question and phrasings are what residents ask, so they
 * weigh most; tags are an editor's keywords; answers are long and mention many side topics.
 * Tuned on bench/data/helpdesk-sample.json (held-out questions), not on the tests.
 */
export const FIELD_WEIGHT: Readonly<Record<UnitKind, number>> = [1, 0.6, 0.35];

// BM25's usual k1; length normalisation (b) is weaker for the short phrasings, whose length
// says little, and the usual 0.75 for answers, which run from one line to a page.
const K1 = 1.2;
const LENGTH_NORMALISATION: Readonly<Record<UnitKind, number>> = [0.3, 0.3, 0.75];

export interface Postings {
  units: Int32Array;
  weights: Float64Array;
}

export interface SearchIndex {
  articleIds: number[];
  /** Per unit: its article's position in `articleIds`, and its kind. */
  unitArticle: Int32Array;
  unitKind: Uint8Array;
  postings: Map<string, Postings>;
  /** Per stem: in how many articles it occurs (any field). */
  articleFrequency: Map<string, number>;
  typos: TypoIndex;
}

interface Unit {
  article: number;
  kind: UnitKind;
  stems: string[];
}

/** Builds the index over the articles; the order of `articles` breaks ties of score. */
export function buildSearchIndex(articles: readonly ArticleDoc[]): SearchIndex {
  const units = articles.flatMap((article, position) => unitsOf(article, position));
  const averageLength = averageLengths(units);
  const postings = new Map<string, { units: number[]; weights: number[] }>();
  const articleFrequency = new Map<string, number>();
  const lastArticle = new Map<string, number>();

  units.forEach((unit, unitIndex) => {
    const b = LENGTH_NORMALISATION[unit.kind];
    const lengthRatio = unit.stems.length / (averageLength[unit.kind] || 1);
    for (const [stem, tf] of counts(unit.stems)) {
      const weight =
        (FIELD_WEIGHT[unit.kind] * (tf * (K1 + 1))) / (tf + K1 * (1 - b + b * lengthRatio));
      const list = postings.get(stem) ?? { units: [], weights: [] };
      list.units.push(unitIndex);
      list.weights.push(weight);
      postings.set(stem, list);
      if (lastArticle.get(stem) !== unit.article) {
        lastArticle.set(stem, unit.article);
        articleFrequency.set(stem, (articleFrequency.get(stem) ?? 0) + 1);
      }
    }
  });

  return {
    articleIds: articles.map((article) => article.id),
    unitArticle: Int32Array.from(units, (unit) => unit.article),
    unitKind: Uint8Array.from(units, (unit) => unit.kind),
    postings: new Map(
      [...postings].map(([stem, list]) => [
        stem,
        { units: Int32Array.from(list.units), weights: Float64Array.from(list.weights) },
      ]),
    ),
    articleFrequency,
    typos: new TypoIndex(postings.keys()),
  };
}

/** BM25's inverse document frequency, counted over articles (never below zero). */
export function inverseFrequency(index: SearchIndex, articlesWithStem: number): number {
  const total = index.articleIds.length;
  return Math.log(1 + (total - articlesWithStem + 0.5) / (articlesWithStem + 0.5));
}

function unitsOf(article: ArticleDoc, position: number): Unit[] {
  const stems = (text: string) => termsOf(text).map((term) => term.stem);
  const phrasings = [article.question, ...article.phrasings].map((text) => ({
    article: position,
    kind: UnitKind.Phrasing,
    stems: stems(text),
  }));
  return [
    ...phrasings,
    { article: position, kind: UnitKind.Tags, stems: stems(article.tags.join(' ')) },
    { article: position, kind: UnitKind.Answer, stems: stems(article.answer) },
  ].filter((unit) => unit.stems.length > 0);
}

function averageLengths(units: readonly Unit[]): number[] {
  const totals = [0, 0, 0];
  const numbers = [0, 0, 0];
  for (const unit of units) {
    totals[unit.kind] = (totals[unit.kind] ?? 0) + unit.stems.length;
    numbers[unit.kind] = (numbers[unit.kind] ?? 0) + 1;
  }
  return totals.map((total, kind) => total / Math.max(numbers[kind] ?? 0, 1));
}

function counts(stems: readonly string[]): Map<string, number> {
  const counted = new Map<string, number>();
  for (const stem of stems) counted.set(stem, (counted.get(stem) ?? 0) + 1);
  return counted;
}
