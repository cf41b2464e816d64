import { z } from 'zod';
import type { FeatureBag } from './text-features.ts';
import { textFeatures } from './text-features.ts';

/** Example texts per category code, the classifier's training data. */
export type TrainingExamples = Record<string, readonly string[]>;

/** One category's share of the belief that a text belongs to it. */
export interface CategorySuggestion {
  category: string;
  score: number;
}

/** Suggests the categories a resident's text most likely belongs to. */
export interface CategoryClassifier {
  /** Every category code the classifier knows, in training order. */
  readonly categories: readonly string[];
  /**
   * The `limit` likeliest categories (all of them by default), best first. Scores lie in [0, 1]
   * and sum to 1 over all categories; a text with no known word gets the same score for every
   * category.
   */
  suggest(text: string, limit?: number): CategorySuggestion[];
}

export const trainingExamplesSchema = z
  .record(z.string().min(1), z.array(z.string().trim().min(1)).min(1, 'give at least one example'))
  .refine((examples) => Object.keys(examples).length >= 2, 'give at least two categories');

/**
 * Softmax temperature over cosine similarities. Lower makes the top score bolder; at 0.04 the
 * top score roughly matches how often the top suggestion was right on held-out real appeals
 * (about 0.3 right below a score of 0.2, about 0.9 above 0.8).
 */
const TEMPERATURE = 0.04;

/**
 * Trains a TF-IDF nearest-centroid classifier: each category is the normalised sum of its
 * examples' TF-IDF vectors, and a text goes to the centroids it is most similar to (cosine).
 * It trains in milliseconds and, on real appeals, beat natural's Bayes and logistic regression
 * classifiers (natural's logistic regression also took minutes to train).
 */
export function trainCentroidClassifier(examples: TrainingExamples): CategoryClassifier {
  const valid = trainingExamplesSchema.parse(examples);
  const categories = Object.keys(valid);
  const documents = categories.flatMap((category) =>
    (valid[category] ?? []).map((text) => ({ category, features: textFeatures(text) })),
  );
  const idf = inverseDocumentFrequencies(documents.map((document) => document.features));

  const centroids = new Map<string, FeatureBag>();
  for (const { category, features } of documents) {
    const centroid = centroids.get(category) ?? new Map<string, number>();
    for (const [feature, weight] of weigh(features, idf)) {
      centroid.set(feature, (centroid.get(feature) ?? 0) + weight);
    }
    centroids.set(category, centroid);
  }
  for (const centroid of centroids.values()) normalise(centroid);

  const suggest = (text: string, limit = categories.length): CategorySuggestion[] => {
    const vector = weigh(textFeatures(text), idf);
    const similarities = categories.map((category) => {
      return dot(vector, centroids.get(category) ?? new Map<string, number>());
    });
    return softmax(similarities)
      .map((score, index) => ({ category: categories[index] ?? '', score }))
      .sort((a, b) => b.score - a.score)
      .slice(0, Math.max(0, limit));
  };

  return { categories, suggest };
}

function inverseDocumentFrequencies(documents: FeatureBag[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const features of documents) {
    for (const feature of features.keys()) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  }
  const idf = new Map<string, number>();
  for (const [feature, count] of counts) {
    idf.set(feature, Math.log((1 + documents.length) / (1 + count)) + 1);
  }
  return idf;
}

// TF-IDF weights of the features seen in training, as a unit vector; unknown features carry
// nothing, so garbage text becomes the zero vector.
function weigh(features: FeatureBag, idf: Map<string, number>): FeatureBag {
  const vector: FeatureBag = new Map();
  for (const [feature, weight] of features) {
    const inverse = idf.get(feature);
    if (inverse !== undefined) vector.set(feature, weight * inverse);
  }
  return normalise(vector);
}

function normalise(vector: FeatureBag): FeatureBag {
  let squares = 0;
  for (const weight of vector.values()) squares += weight * weight;
  const length = Math.sqrt(squares);
  if (length > 0) for (const [feature, weight] of vector) vector.set(feature, weight / length);
  return vector;
}

function dot(a: FeatureBag, b: FeatureBag): number {
  let sum = 0;
  for (const [feature, weight] of a) sum += weight * (b.get(feature) ?? 0);
  return sum;
}

function softmax(values: number[]): number[] {
  const max = Math.max(...values);
  const exponents = values.map((value) => Math.exp((value - max) / TEMPERATURE));
  const total = exponents.reduce((sum, value) => sum + value, 0);
  return exponents.map((value) => value / total);
}
