import { readFileSync } from 'node:fs';
import type { TrainingExamples } from '../centroid-classifier.ts';
import { parseCsv } from './csv.ts';
import {
  type LinearTrainingOptions,
  type TrainedClassifier,
  trainOnLabels,
} from './linear-classifier.ts';
import {
  applyCategoryMapping,
  type CategoryMapping,
  type MappedHistory,
  type MappingColumns,
} from './mapping.ts';

export interface HistoryTrainingOptions extends Partial<LinearTrainingOptions> {
  /**
   * Our own examples ({ code: texts }) trained on together with the history, so that a
   * category the city's history never uses is still suggested.
   */
  ownExamples?: TrainingExamples;
  /** Our category codes; a mapping to any other code is an error. */
  knownCodes?: readonly string[];
}

export interface HistoryTraining {
  classifier: TrainedClassifier;
  /** The history as mapped: what was trained on and what was left out. */
  history: MappedHistory;
  /** Texts trained on per category code, own examples included. */
  trainedPerCategory: Map<string, number>;
}

/**
 * Trains a classifier over our categories from a city's past reports (CSV rows keyed by
 * column name), through the city's mapping from its categories to ours.
 */
export function trainFromHistory(
  rows: ReadonlyArray<Readonly<Record<string, string>>>,
  mapping: CategoryMapping,
  options: HistoryTrainingOptions = {},
): HistoryTraining {
  const { ownExamples = {}, knownCodes, ...training } = options;
  const history = applyCategoryMapping(rows, mapping, knownCodes);
  const texts = [...history.texts];
  const labels = [...history.categories];
  for (const [code, examples] of Object.entries(ownExamples)) {
    for (const text of examples) {
      texts.push(text);
      labels.push(code);
    }
  }

  const trainedPerCategory = new Map<string, number>();
  for (const label of labels)
    trainedPerCategory.set(label, (trainedPerCategory.get(label) ?? 0) + 1);
  if (trainedPerCategory.size < 2) {
    throw new Error(
      `The mapped history holds ${trainedPerCategory.size} category; check the mapping's ` +
        'columns and rules against the CSV',
    );
  }
  return { classifier: trainOnLabels(texts, labels, training), history, trainedPerCategory };
}

/**
 * A city's history CSV as rows keyed by column name. Throws, naming them, when the columns
 * the mapping reads are not in the header.
 */
export function readHistoryCsv(
  path: string,
  columns: MappingColumns,
): Array<Record<string, string>> {
  const [header = [], ...records] = parseCsv(readFileSync(path, 'utf8'));
  const wanted = [columns.text, columns.category, columns.reason].filter(
    (column): column is string => column !== undefined,
  );
  const missing = wanted.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new Error(
      `${path} has no column ${missing.map((name) => `"${name}"`).join(', ')}; ` +
        `its columns are ${header.join(', ')}`,
    );
  }
  return records.map((record) =>
    Object.fromEntries(header.map((name, column) => [name, record[column] ?? ''])),
  );
}
