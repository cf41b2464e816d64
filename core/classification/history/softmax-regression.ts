import { seededRandom, shuffled } from './random.ts';
import type { SparseVector } from './tf-idf.ts';

/**
 * Multinomial logistic regression over sparse vectors: one weight per (term, class), laid out
 * term-major so a text's few terms touch neighbouring memory.
 */
export interface LinearModel {
  classes: number;
  terms: number;
  /** weights[term * classes + class] */
  weights: Float32Array;
  bias: Float32Array;
}

export interface SgdOptions {
  /** Passes over the training texts. */
  epochs: number;
  /** L2 penalty per example; larger keeps weights small and the model less sure of itself. */
  regularisation: number;
  /** Step size at the start; it falls linearly to nearly nothing at the last step. */
  learningRate: number;
  seed: number;
  /** How much an example of each class counts (1 for all by default). */
  classWeights?: Float64Array;
}

/**
 * Trains by plain stochastic gradient descent on the cross-entropy loss. The L2 decay is kept
 * as one scale factor for all weights (Bottou's trick), so each step costs only the text's
 * own terms × classes.
 */
export function trainSoftmaxRegression(
  vectors: readonly SparseVector[],
  labels: ArrayLike<number>,
  shape: { classes: number; terms: number },
  options: SgdOptions,
): LinearModel {
  const model: LinearModel = {
    classes: shape.classes,
    terms: shape.terms,
    weights: new Float32Array(shape.terms * shape.classes),
    bias: new Float32Array(shape.classes),
  };
  const state: Descent = { model, scale: 1, scores: new Float64Array(shape.classes) };
  const random = seededRandom(options.seed);
  const steps = Math.max(vectors.length * options.epochs, 1);
  const order = vectors.map((_, index) => index);

  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const index of shuffled(order, random)) {
      const vector = vectors[index];
      const label = labels[index] ?? 0;
      const rate = learningRate(options, step, steps);
      step += 1;
      if (vector) descend(state, vector, label, rate * (options.classWeights?.[label] ?? 1));
      decay(state, rate * options.regularisation);
    }
  }
  decay(state, 0, true);
  return model;
}

/** The weights as trained so far: the true weights are `scale` × the stored ones. */
interface Descent {
  model: LinearModel;
  scale: number;
  /** Room for one text's class scores, reused. */
  scores: Float64Array;
}

// One step on one text: the gradient of the cross-entropy is (probability - truth) × feature.
function descend(state: Descent, vector: SparseVector, label: number, rate: number): void {
  const { model, scores } = state;
  const { classes, weights, bias } = model;
  score(model, vector, state.scale, scores);
  softmaxInPlace(scores);
  for (let c = 0; c < classes; c++) {
    scores[c] = ((scores[c] ?? 0) - (c === label ? 1 : 0)) * rate;
    bias[c] = (bias[c] ?? 0) - (scores[c] ?? 0);
  }
  const { indices, values } = vector;
  for (let k = 0; k < indices.length; k++) {
    const base = (indices[k] ?? 0) * classes;
    const x = (values[k] ?? 0) / state.scale;
    for (let c = 0; c < classes; c++) {
      weights[base + c] = (weights[base + c] ?? 0) - (scores[c] ?? 0) * x;
    }
  }
}

// Shrinks every weight by (1 - amount) through the scale alone; folds the scale into the
// stored weights when it gets small enough to cost precision, or when asked to.
function decay(state: Descent, amount: number, fold = false): void {
  state.scale *= 1 - amount;
  if (state.scale >= 1e-6 && !fold) return;
  const { weights } = state.model;
  for (let w = 0; w < weights.length; w++) weights[w] = (weights[w] ?? 0) * state.scale;
  state.scale = 1;
}

// Falls linearly to nearly nothing, so the last epoch settles the weights instead of leaving
// them wherever the last few noisy steps pushed them (measured: steadier and better than a
// 1 / step decay).
function learningRate(options: SgdOptions, step: number, steps: number): number {
  return options.learningRate * Math.max(1 - step / steps, 0.001);
}

/** The class probabilities of one text; a text with no known term gets equal ones. */
export function classProbabilities(model: LinearModel, vector: SparseVector): Float64Array {
  const scores = new Float64Array(model.classes);
  if (vector.indices.length === 0) return scores.fill(1 / model.classes);
  score(model, vector, 1, scores);
  return softmaxInPlace(scores);
}

// The class scores of one text: bias + scale × (weights · vector).
function score(model: LinearModel, vector: SparseVector, scale: number, into: Float64Array): void {
  const { classes, weights, bias } = model;
  into.fill(0);
  const { indices, values } = vector;
  for (let k = 0; k < indices.length; k++) {
    const base = (indices[k] ?? 0) * classes;
    const x = values[k] ?? 0;
    for (let c = 0; c < classes; c++) into[c] = (into[c] ?? 0) + (weights[base + c] ?? 0) * x;
  }
  for (let c = 0; c < classes; c++) into[c] = (into[c] ?? 0) * scale + (bias[c] ?? 0);
}

function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of scores) max = Math.max(max, value);
  let total = 0;
  for (let c = 0; c < scores.length; c++) {
    const exponent = Math.exp((scores[c] ?? 0) - max);
    scores[c] = exponent;
    total += exponent;
  }
  for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] ?? 0) / total;
  return scores;
}
