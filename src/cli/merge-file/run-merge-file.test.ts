// `skillmeat merge-file` is loaded on its own so that it starts fast (main.ts imports it before the
// rest of the command line): what it imports, through every static import, must stay what merging
// a file needs — no commander, no core facade, no database or schema library.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('./run-merge-file.ts', import.meta.url));

/** Every module `entry` reaches through static imports: source files by path, packages by name. */
function staticImports(entry: string): Set<string> {
  const reached = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    const source = readFileSync(file, 'utf8');
    // `import … from '…'` and `export … from '…'`; `import type` is erased from the compiled module.
    for (const match of source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else reached.add(specifier);
    }
  }
  return reached;
}

describe('the merge-file module', () => {
  it('imports nothing but what merging a file needs', () => {
    const reached = [...staticImports(ENTRY)];
    const packages = reached.filter((module) => !module.startsWith('/'));
    expect(packages.filter((name) => !name.startsWith('node:'))).toEqual([]);
    const srcRoot = join(dirname(ENTRY), '..', '..');
    const files = reached.filter((module) => module.startsWith('/')).map((file) => file.slice(srcRoot.length + 1)).sort();
    expect(files.filter((file) => !file.startsWith('cli/merge-file/') && !file.startsWith('core/merge/'))).toEqual([
      'cli/process-streams.ts',
      'cli/terminal-text.ts',
      'core/errors.ts',
      'core/fs/atomic-write.ts',
      // node:crypto loaded when first used: a merge printed to stdout needs none.
      'core/lazy-crypto.ts',
    ]);
  });
});
