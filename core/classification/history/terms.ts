import natural from 'natural';
import { RUSSIAN_STOP_WORDS } from '../stop-words.ts';
import { normaliseText, trigramsOf } from '../text-features.ts';

/** Which terms a text is cut into before weighting. */
export interface TermOptions {
  /** Pairs of neighbouring stems as terms of their own ("не гор"), which carry negation. */
  bigrams: boolean;
  /**
   * Character trigrams of each stem, at this weight relative to the stem (0 for none). They
   * let a typo still meet its word.
   */
  trigramWeight: number;
}

/** Word to stem; a training run passes one so each distinct word is stemmed once. */
export type StemCache = Map<string, string>;

const CYRILLIC = /[а-я]/;

/** Stems of a text's words, stop words and single letters dropped (as the shipped model). */
export function stemWords(text: string, cache?: StemCache): string[] {
  const stems: string[] = [];
  for (const word of normaliseText(text).split(' ')) {
    if (word.length <= 1 || RUSSIAN_STOP_WORDS.has(word)) continue;
    let stem = cache?.get(word);
    if (stem === undefined) {
      stem = CYRILLIC.test(word) ? natural.PorterStemmerRu.stem(word) : word;
      cache?.set(word, stem);
    }
    stems.push(stem);
  }
  return stems;
}

/**
 * How often each term occurs in a text: stems as they are, stem pairs joined by a space and
 * trigrams marked with "#" (neither can occur inside a stem, so the three never collide).
 */
export function termCounts(
  text: string,
  options: TermOptions,
  cache?: StemCache,
): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (term: string, weight: number) => counts.set(term, (counts.get(term) ?? 0) + weight);

  const stems = stemWords(text, cache);
  stems.forEach((stem, index) => {
    add(stem, 1);
    if (options.bigrams && index > 0) add(`${stems[index - 1]} ${stem}`, 1);
    if (options.trigramWeight > 0) {
      for (const trigram of trigramsOf(stem)) add(trigram, options.trigramWeight);
    }
  });
  return counts;
}
