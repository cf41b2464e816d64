/** A text as the model sees it: the indices of its known terms and their weights. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** The terms a model knows, in index order, with their inverse document frequencies. */
export interface Vocabulary {
  terms: readonly string[];
  idf: Float32Array;
  indexOf: ReadonlyMap<string, number>;
}

/**
 * The terms seen in at least `minDocumentFrequency` texts, in first-seen order. Rarer terms are
 * mostly typos and addresses, which only let the model remember single texts.
 */
export function fitVocabulary(
  documents: ReadonlyArray<ReadonlyMap<string, number>>,
  minDocumentFrequency: number,
): Vocabulary {
  const frequencies = new Map<string, number>();
  for (const counts of documents) {
    for (const term of counts.keys()) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  }
  const terms: string[] = [];
  const idf: number[] = [];
  for (const [term, frequency] of frequencies) {
    if (frequency < minDocumentFrequency) continue;
    terms.push(term);
    idf.push(Math.log((1 + documents.length) / (1 + frequency)) + 1);
  }
  return vocabularyOf(terms, Float32Array.from(idf));
}

/** A vocabulary from its stored terms and weights (as read from a model file). */
export function vocabularyOf(terms: readonly string[], idf: Float32Array): Vocabulary {
  return { terms, idf, indexOf: new Map(terms.map((term, index) => [term, index])) };
}

/**
 * Sublinear TF-IDF as a unit vector: (1 + ln tf) × idf, so a word said five times does not
 * outweigh five different words. Unknown terms carry nothing; a text of none is all zeros.
 */
export function weighTerms(counts: ReadonlyMap<string, number>, vocabulary: Vocabulary) {
  const indices: number[] = [];
  const values: number[] = [];
  let squares = 0;
  for (const [term, count] of counts) {
    const index = vocabulary.indexOf.get(term);
    if (index === undefined || count <= 0) continue;
    // Trigrams count in fractions of a stem; below one occurrence the weight stays linear.
    const tf = count >= 1 ? 1 + Math.log(count) : count;
    const value = tf * (vocabulary.idf[index] ?? 0);
    indices.push(index);
    values.push(value);
    squares += value * value;
  }
  const length = Math.sqrt(squares);
  const vector: SparseVector = {
    indices: Int32Array.from(indices),
    values: Float32Array.from(values, (value) => (length > 0 ? value / length : 0)),
  };
  return vector;
}
