import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import {
  type LinearClassifierParts,
  linearClassifier,
  type TrainedClassifier,
} from './linear-classifier.ts';
import { vocabularyOf } from './tf-idf.ts';

/** Identifies a model file; bumped when the layout or the features change. */
export const MODEL_FORMAT = 'one-click/category-model';
export const MODEL_VERSION = 1;

/**
 * A model file: JSON a city can ship (e.g. models/<city>.json). Numbers are little-endian
 * float32 arrays in base64, exactly what the classifier computes with, so a loaded model
 * suggests exactly what the trained one did, in a third of the size of decimal text.
 */
export const classifierModelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_VERSION),
  /** What it was trained on, for the people who ship it; not read by the classifier. */
  about: z.record(z.string(), z.unknown()),
  categories: z.array(z.string().min(1)).min(2),
  terms: z.object({ bigrams: z.boolean(), trigramWeight: z.number().min(0) }),
  vocabulary: z.array(z.string()),
  idf: z.string(),
  weights: z.string(),
  bias: z.string(),
});

export type ClassifierModel = z.infer<typeof classifierModelSchema>;

/** The model file's content for trained parts; `about` says what it was trained on. */
export function classifierModel(
  parts: LinearClassifierParts,
  about: Record<string, unknown> = {},
): ClassifierModel {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    about,
    categories: [...parts.categories],
    terms: { ...parts.terms },
    vocabulary: [...parts.vocabulary.terms],
    idf: toBase64(parts.vocabulary.idf),
    weights: toBase64(parts.model.weights),
    bias: toBase64(parts.model.bias),
  };
}

/** The classifier a model file's content describes; throws when the parts do not fit. */
export function classifierFromModel(content: unknown): TrainedClassifier {
  const model = classifierModelSchema.parse(content);
  const classes = model.categories.length;
  const terms = model.vocabulary.length;
  const idf = fromBase64(model.idf);
  const weights = fromBase64(model.weights);
  const bias = fromBase64(model.bias);
  if (idf.length !== terms || weights.length !== terms * classes || bias.length !== classes) {
    throw new Error(
      'The model file is inconsistent: its vocabulary, weights and categories differ in size',
    );
  }
  return linearClassifier({
    categories: model.categories,
    terms: model.terms,
    vocabulary: vocabularyOf(model.vocabulary, idf),
    model: { classes, terms, weights, bias },
  });
}

/** Writes a trained classifier as a model file, creating its folder. */
export function saveClassifierModel(
  classifier: TrainedClassifier,
  path: string,
  about: Record<string, unknown> = {},
): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(classifierModel(classifier.parts, about))}\n`);
}

/** The classifier in a model file written by `saveClassifierModel` (or the retrain script). */
export function loadClassifierModel(path: string | URL): TrainedClassifier {
  return classifierFromModel(JSON.parse(readFileSync(path, 'utf8')));
}

function toBase64(values: Float32Array): string {
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => {
    bytes.writeFloatLE(value, index * 4);
  });
  return bytes.toString('base64');
}

function fromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 4 !== 0) throw new Error('The model file holds a malformed number array');
  return Float32Array.from({ length: bytes.length / 4 }, (_, index) =>
    bytes.readFloatLE(index * 4),
  );
}
