/** What every bench/*.ts file exports as `benchmark`, for bench/run.ts to find and run. */
export interface Benchmark {
  name: string;
  run(): Promise<BenchmarkResult>;
}

export interface BenchmarkResult {
  /** Which data the figures come from, said in a sentence. */
  data: string;
  /** The figures: a header row, then one row per measure. */
  table: string[][];
  /** Lines printed under the table: how it was measured, what to keep in mind. */
  notes: string[];
}

/** Whether an imported module is a benchmark file. */
export function isBenchmark(value: unknown): value is Benchmark {
  const candidate = value as Partial<Benchmark> | undefined;
  return typeof candidate?.name === 'string' && typeof candidate.run === 'function';
}

/** A plain-text table, columns padded to their widest cell, numbers right-aligned. */
export function formatTable(rows: readonly string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, [...cell].length);
    });
  }
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => {
        const pad = ' '.repeat((widths[column] ?? 0) - [...cell].length);
        return column > 0 && /^[\d.,:/× -]+$/.test(cell) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  if (!header) return '';
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...body.map(line)].join('\n');
}
