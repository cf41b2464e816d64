/**
 * Finds the known stems a misspelt one most likely meant, with a deletion index (symmetric
 * delete): every known stem is filed under itself and each string made by deleting one or two
 * of its letters; a query stem is looked up the same way, and the candidates are checked with a
 * true edit distance. A lookup is a few dozen map reads whatever the vocabulary's size, which
 * keeps a 10,000-article base within a millisecond where scanning every stem would not be.
 */

/** A known stem within reach of a misspelt one. */
export interface NearStem {
  stem: string;
  distance: number;
}

/**
 * How many edits a word may carry: none for words of three letters or fewer (too many
 * neighbours), one for 4-7 letters, two for 8 or more. Measured on the word as written.
 */
export function allowedEdits(wordLength: number): number {
  if (wordLength >= 8) return 2;
  if (wordLength >= 4) return 1;
  return 0;
}

// Stems shorter than this are filed with one deletion only: a two-edit match needs a word of
// eight letters, whose stem is at least six.
const TWO_DELETIONS_FROM = 6;

export class TypoIndex {
  private readonly byDeletion = new Map<string, string[]>();

  constructor(stems: Iterable<string>) {
    for (const stem of stems) {
      const depth = stem.length >= TWO_DELETIONS_FROM ? 2 : 1;
      for (const key of deletions(stem, depth)) {
        const filed = this.byDeletion.get(key);
        if (filed) filed.push(stem);
        else this.byDeletion.set(key, [stem]);
      }
    }
  }

  /** The known stems nearest to `stem` within `maxEdits`, all at the smallest distance found. */
  nearest(stem: string, maxEdits: number): NearStem[] {
    if (maxEdits <= 0) return [];
    const seen = new Set<string>();
    let best: NearStem[] = [];
    for (const key of deletions(stem, maxEdits)) {
      for (const candidate of this.byDeletion.get(key) ?? []) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        const distance = editDistance(stem, candidate, maxEdits);
        if (distance > maxEdits) continue;
        if (best.length === 0 || distance < (best[0]?.distance ?? Infinity)) {
          best = [{ stem: candidate, distance }];
        } else if (distance === best[0]?.distance) best.push({ stem: candidate, distance });
      }
    }
    return best;
  }
}

/** The string itself and every string made by deleting up to `depth` of its letters. */
export function deletions(word: string, depth: number): Set<string> {
  const found = new Set<string>([word]);
  let frontier = [word];
  for (let level = 0; level < depth; level++) {
    const next: string[] = [];
    for (const current of frontier) {
      for (let i = 0; i < current.length; i++) {
        const shorter = current.slice(0, i) + current.slice(i + 1);
        if (shorter.length === 0 || found.has(shorter)) continue;
        found.add(shorter);
        next.push(shorter);
      }
    }
    frontier = next;
  }
  return found;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), stopping early once
 * every path exceeds `limit`; then it returns `limit + 1`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
