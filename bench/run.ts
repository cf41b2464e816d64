import { readdir } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatTable, isBenchmark } from './support/benchmark.ts';

/**
 * `npm run bench`: runs every benchmark file in bench/ (each exports `benchmark`) one after
 * another and prints its figures. Benches print; nothing asserts on a timing.
 */

const folder = fileURLToPath(new URL('.', import.meta.url));
const files = (await readdir(folder)).filter((name) => name.endsWith('.ts') && name !== 'run.ts');

console.log(
  `One Click benchmarks: Node.js ${process.version}, ${availableParallelism()} CPU(s) ` +
    `(${cpus()[0]?.model.trim() ?? 'unknown'})\n`,
);

let failed = 0;
for (const file of files.sort()) {
  const module: Record<string, unknown> = await import(new URL(file, import.meta.url).href);
  const benchmark = module.benchmark;
  if (!isBenchmark(benchmark)) continue;

  const started = performance.now();
  try {
    const result = await benchmark.run();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`## ${benchmark.name} (${file}, ${seconds} s)`);
    console.log(`Data: ${result.data}\n`);
    console.log(formatTable(result.table));
    if (result.notes.length > 0) console.log(`\n${result.notes.join('\n')}`);
    console.log('');
  } catch (error) {
    failed += 1;
    console.error(`## ${benchmark.name} (${file}) failed:`, error);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
