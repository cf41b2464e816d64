import natural from 'natural';
import { normaliseText } from '../classification/text-features.ts';
import { QUESTION_STOP_WORDS } from './stop-words.ts';

/** One word of a question or article, as search compares it. */
export interface Term {
  /** The word as written, lowercased and with "ё" as "е" (typo tolerance measures on it). */
  word: string;
  /** Its Russian stem (natural's Porter stemmer); the word itself when not Cyrillic. */
  stem: string;
}

/**
 * The terms of a text: case, punctuation and "ё" folded (the classifier's `normaliseText`),
 * stop words and single letters dropped, each word stemmed. Digits are kept: route and house
 * numbers tell articles apart.
 */
export function termsOf(text: string): Term[] {
  const terms: Term[] = [];
  for (const word of normaliseText(text).split(' ')) {
    if (word.length < 2 && !/\d/.test(word)) continue;
    if (QUESTION_STOP_WORDS.has(word)) continue;
    terms.push({ word, stem: stemOf(word) });
  }
  return terms;
}

const CYRILLIC = /[а-я]/;
const stems = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

// Stemming is the costliest step of a search, and questions repeat the same few thousand words.
function stemOf(word: string): string {
  const known = stems.get(word);
  if (known !== undefined) return known;
  const stem = CYRILLIC.test(word) ? natural.PorterStemmerRu.stem(word) : word;
  if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
  stems.set(word, stem);
  return stem;
}
