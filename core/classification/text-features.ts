import natural from 'natural';
import { RUSSIAN_STOP_WORDS } from './stop-words.ts';

/** A bag of features with their weights. */
export type FeatureBag = Map<string, number>;

/**
 * Character trigrams of each stem count for this much of a whole stem. They let a typo
 * ("фанари") still meet its word ("фонари"); measured on held-out appeals, 0.2-0.4 helped and
 * more let trigrams drown the stems.
 */
export const TRIGRAM_WEIGHT = 0.3;

/**
 * Turns a resident's text into the weighted features the category classifier compares: Russian
 * word stems (natural's Porter stemmer) and the character trigrams of each stem.
 */
export function textFeatures(text: string): FeatureBag {
  const bag: FeatureBag = new Map();
  const add = (feature: string, weight: number) => {
    bag.set(feature, (bag.get(feature) ?? 0) + weight);
  };

  for (const stem of stemsOf(text)) {
    add(stem, 1);
    for (const trigram of trigramsOf(stem)) add(trigram, TRIGRAM_WEIGHT);
  }
  return bag;
}

/** Lowercase, "ё" as "е", words only; stop words and single letters dropped, then stemmed. */
export function stemsOf(text: string): string[] {
  return normaliseText(text)
    .split(' ')
    .filter((word) => word.length > 1 && !RUSSIAN_STOP_WORDS.has(word))
    .map((word) => (CYRILLIC.test(word) ? natural.PorterStemmerRu.stem(word) : word));
}

/** Lowercase with "ё" folded into "е" and everything but letters and digits turned to spaces. */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const CYRILLIC = /[а-я]/;

// Trigrams of the stem with "^" marking its start, so that word beginnings weigh in. Stems of
// three letters or fewer give none, being as short as a trigram already.
export function trigramsOf(stem: string): string[] {
  if (stem.length <= 3) return [];
  const marked = `^${stem}`;
  const trigrams: string[] = [];
  for (let i = 0; i + 3 <= marked.length; i++) trigrams.push(`#${marked.slice(i, i + 3)}`);
  return trigrams;
}
