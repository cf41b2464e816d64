import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type CategoryClassifier,
  loadShippedClassifier,
  readShippedExamples,
} from '../core/classification/classifier.ts';
import {
  type Evaluation,
  evaluateClassifier,
  stratifiedSplit,
} from '../core/classification/history/evaluation.ts';
import {
  DEFAULT_TRAINING_OPTIONS,
  trainOnLabels,
} from '../core/classification/history/linear-classifier.ts';
import {
  applyCategoryMapping,
  type CategoryMapping,
  type MappedHistory,
  readCategoryMapping,
  readOurCategoryCodes,
} from '../core/classification/history/mapping.ts';
import { saveClassifierModel } from '../core/classification/history/model-file.ts';
import {
  readHistoryCsv,
  trainFromHistory,
} from '../core/classification/history/train-from-history.ts';

/**
 * `npx tsx scripts/retrain-classifier.ts --csv reports.csv --mapping seed/category-mappings/
 * spb.json --out models/spb.json`: trains the category classifier from a city's past reports.
 * Prints what the mapping kept and left out, scores a model trained without a held-out part
 * on that part (next to the shipped model), then trains on everything and writes the model.
 */

const USAGE = [
  'usage: npx tsx scripts/retrain-classifier.ts --csv <history.csv> --mapping <mapping.json>',
  '         --out <model.json> [--text-column text] [--category-column category]',
  '         [--reason-column reason] [--held-out 0.2] [--seed 42] [--without-own-examples]',
].join('\n');

interface Options {
  csv: string;
  mapping: string;
  out: string;
  textColumn: string | undefined;
  categoryColumn: string | undefined;
  reasonColumn: string | undefined;
  heldOut: number;
  seed: number;
  ownExamples: boolean;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      csv: { type: 'string' },
      mapping: { type: 'string' },
      out: { type: 'string' },
      'text-column': { type: 'string' },
      'category-column': { type: 'string' },
      'reason-column': { type: 'string' },
      'held-out': { type: 'string', default: '0.2' },
      seed: { type: 'string', default: '42' },
      'without-own-examples': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const heldOut = Number(values['held-out']);
  const seed = Number(values.seed);
  const { csv, mapping, out } = values;
  const valid = heldOut >= 0 && heldOut < 1 && Number.isSafeInteger(seed);
  if (values.help || !csv || !mapping || !out || !valid) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  return {
    csv,
    mapping,
    out,
    textColumn: values['text-column'],
    categoryColumn: values['category-column'],
    reasonColumn: values['reason-column'],
    heldOut,
    seed,
    ownExamples: !values['without-own-examples'],
  };
}

/** The mapping with the columns named on the command line in place of its own. */
function mappingWithColumns(options: Options): CategoryMapping {
  const mapping = readCategoryMapping(options.mapping);
  const columns = { ...mapping.columns };
  if (options.textColumn) columns.text = options.textColumn;
  if (options.categoryColumn) columns.category = options.categoryColumn;
  if (options.reasonColumn) columns.reason = options.reasonColumn;
  return { ...mapping, columns };
}

function printCounts(rows: number, history: MappedHistory): void {
  console.log(`Rows read: ${rows}; kept: ${history.texts.length}`);
  const kept = new Map<string, number>();
  for (const code of history.categories) kept.set(code, (kept.get(code) ?? 0) + 1);
  for (const [code, count] of [...kept].sort(([, a], [, b]) => b - a)) {
    console.log(`  ${code.padEnd(20)} ${String(count).padStart(7)}`);
  }
  const skipped = [...history.skipped].sort(([, a], [, b]) => b - a);
  const total = skipped.reduce((sum, [, count]) => sum + count, 0);
  console.log(`Left out: ${total}`);
  for (const [why, count] of skipped.slice(0, 15)) {
    console.log(`  ${String(count).padStart(7)}  ${why}`);
  }
  if (skipped.length > 15) console.log(`  … and ${skipped.length - 15} more reasons`);
}

/** Trains without a stratified held-out part, then scores both models on that part. */
function evaluateHeldOut(history: MappedHistory, options: Options, knownCodes: string[]) {
  const split = stratifiedSplit(history.categories, options.heldOut, options.seed);
  const take = (values: readonly string[], indices: readonly number[]) =>
    indices.map((index) => values[index] ?? '');
  const own = options.ownExamples ? readShippedExamples() : {};
  const texts = [...take(history.texts, split.train), ...Object.values(own).flat()];
  const labels = [
    ...take(history.categories, split.train),
    ...Object.entries(own).flatMap(([code, examples]) => examples.map(() => code)),
  ];

  const classifier = trainOnLabels(texts, labels);
  const testTexts = take(history.texts, split.test);
  const truth = take(history.categories, split.test);
  const score = (model: CategoryClassifier) => evaluateClassifier(model, testTexts, truth);
  const retrained = score(classifier);
  const shipped = score(loadShippedClassifier());
  console.log(
    `Held out ${split.test.length} texts (${options.heldOut * 100}%, seed ${options.seed}), ` +
      `trained on ${split.train.length}${options.ownExamples ? ' + own examples' : ''}:`,
  );
  console.log(`  retrained model: ${describe(retrained)}`);
  console.log(`  shipped model:   ${describe(shipped)}`);
  if (!knownCodes.every((code) => classifier.categories.includes(code))) {
    const missing = knownCodes.filter((code) => !classifier.categories.includes(code));
    console.log(`  never suggested (no texts): ${missing.join(', ')}`);
  }
  return retrained;
}

function summary({ texts, top1, top3, macroF1 }: Evaluation) {
  return { texts, top1, top3, macroF1 };
}

function describe(evaluation: Evaluation): string {
  const { top1, top3, macroF1 } = evaluation;
  return `top-1 ${top1.toFixed(3)}, top-3 ${top3.toFixed(3)}, macro-F1 ${macroF1.toFixed(3)}`;
}

function main(): number {
  const options = readOptions();
  const mapping = mappingWithColumns(options);
  const knownCodes = readOurCategoryCodes();
  const rows = readHistoryCsv(options.csv, mapping.columns);
  const mapped = applyCategoryMapping(rows, mapping, knownCodes);
  printCounts(rows.length, mapped);
  const heldOut = options.heldOut > 0 ? evaluateHeldOut(mapped, options, knownCodes) : undefined;

  const started = performance.now();
  const ownExamples = options.ownExamples ? readShippedExamples() : {};
  const { classifier, history, trainedPerCategory } = trainFromHistory(rows, mapping, {
    ownExamples,
    knownCodes,
  });
  const seconds = (performance.now() - started) / 1000;

  saveClassifierModel(classifier, options.out, {
    source: mapping.source,
    csv: basename(options.csv),
    trainedAt: new Date().toISOString(),
    texts: Object.fromEntries(trainedPerCategory),
    ownExamples: options.ownExamples,
    training: DEFAULT_TRAINING_OPTIONS,
    ...(heldOut ? { heldOut: summary(heldOut) } : {}),
  });
  const megabytes = statSync(options.out).size / 1e6;
  console.log(
    `Trained on all ${history.texts.length} kept texts` +
      `${options.ownExamples ? ' + own examples' : ''} in ${seconds.toFixed(1)} s; ` +
      `wrote ${options.out} (${megabytes.toFixed(1)} MB)`,
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`Cannot retrain: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
