import type { CategoryClassifier } from '../centroid-classifier.ts';
import { seededRandom, shuffled } from './random.ts';

/** How well a classifier's suggestions match the categories people actually chose. */
export interface Evaluation {
  texts: number;
  /** Share of texts whose first suggestion was right. */
  top1: number;
  /** Share of texts whose right category was among the first three suggestions. */
  top3: number;
  /** The mean of the per-category F1 scores (see `macroF1`). */
  macroF1: number;
  /** Each category's F1 and how many texts truly belong to it. */
  perCategory: Map<string, { f1: number; texts: number }>;
}

/** Suggests a category for each text and compares it with `truth` (the same length). */
export function evaluateClassifier(
  classifier: CategoryClassifier,
  texts: readonly string[],
  truth: readonly string[],
): Evaluation {
  let top1 = 0;
  let top3 = 0;
  const predicted = texts.map((text, index) => {
    const suggested = classifier.suggest(text, 3).map((suggestion) => suggestion.category);
    if (suggested[0] === truth[index]) top1 += 1;
    if (suggested.includes(truth[index] ?? '')) top3 += 1;
    return suggested[0] ?? '';
  });
  const count = Math.max(texts.length, 1);
  const perCategory = f1ByCategory(truth, predicted);
  return {
    texts: texts.length,
    top1: top1 / count,
    top3: top3 / count,
    macroF1: mean([...perCategory.values()].map((category) => category.f1)),
    perCategory,
  };
}

/**
 * The unweighted mean over categories of F1 = 2·precision·recall / (precision + recall), so a
 * rare category counts as much as a common one. The categories are those occurring in either
 * list (as scikit-learn does by default); one with no right prediction scores 0.
 */
export function macroF1(truth: readonly string[], predicted: readonly string[]): number {
  return mean([...f1ByCategory(truth, predicted).values()].map((category) => category.f1));
}

/** F1 of each category occurring in either list, with its count in `truth`. */
export function f1ByCategory(
  truth: readonly string[],
  predicted: readonly string[],
): Map<string, { f1: number; texts: number }> {
  const counts = new Map<string, { right: number; truth: number; predicted: number }>();
  const entry = (category: string) => {
    let found = counts.get(category);
    if (!found) {
      found = { right: 0, truth: 0, predicted: 0 };
      counts.set(category, found);
    }
    return found;
  };
  truth.forEach((category, index) => {
    const guess = predicted[index] ?? '';
    entry(category).truth += 1;
    entry(guess).predicted += 1;
    if (guess === category) entry(category).right += 1;
  });

  // 2·precision·recall / (precision + recall) simplifies to 2·right / (true + predicted).
  const scores = new Map<string, { f1: number; texts: number }>();
  for (const [category, { right, truth: real, predicted: guessed }] of counts) {
    scores.set(category, { f1: (2 * right) / (real + guessed), texts: real });
  }
  return scores;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Indices of a seeded split that keeps each label's share: within each label, a shuffled
 * `testFraction` (rounded) goes to the test part. The same seed gives the same split.
 */
export function stratifiedSplit(
  labels: readonly string[],
  testFraction: number,
  seed: number,
): { train: number[]; test: number[] } {
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, index) => {
    const indices = byLabel.get(label) ?? [];
    indices.push(index);
    byLabel.set(label, indices);
  });

  const random = seededRandom(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const indices = shuffled(byLabel.get(label) ?? [], random);
    const cut = Math.round(indices.length * testFraction);
    test.push(...indices.slice(0, cut));
    train.push(...indices.slice(cut));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}
