import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE_DIRS = ['core', 'bots', 'api', 'app'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Local imports of a file, as repository-relative paths. */
function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)];
  return specifiers.map((match) => relative(ROOT, resolve(dirname(file), match[1] ?? '')));
}

const graph = new Map(
  SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((file) => [
    relative(ROOT, file),
    localImports(file),
  ]),
);

describe('when the layers import each other', () => {
  it('keeps core free of bots, api and app', () => {
    const offending = [...graph]
      .filter(([file]) => file.startsWith('core/'))
      .flatMap(([file, imports]) =>
        imports.filter((target) => /^(bots|api|app)\//.test(target)).map((t) => `${file} -> ${t}`),
      );
    expect(offending).toEqual([]);
  });

  it('keeps the bots and the API apart', () => {
    const offending = [...graph]
      .filter(([file]) => file.startsWith('bots/'))
      .flatMap(([file, imports]) =>
        imports.filter((t) => t.startsWith('api/')).map((t) => `${file} -> ${t}`),
      );
    expect(offending).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
