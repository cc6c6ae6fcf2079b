import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unifiedHunks } from './unified-diff.js';

/** git's own hunks for the same two texts (`git diff --no-index`, headers dropped). */
function gitHunks(before: string, after: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'skillmeat-udiff-'));
  writeFileSync(join(dir, 'a'), before);
  writeFileSync(join(dir, 'b'), after);
  const run = spawnSync('git', ['-c', 'diff.indentHeuristic=false', 'diff', '--no-index', '--no-color', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
  const lines = run.stdout.split('\n');
  const first = lines.findIndex((l) => l.startsWith('@@'));
  return first < 0 ? [] : lines.slice(first, lines.at(-1) === '' ? -1 : undefined);
}

/** A small deterministic generator of texts that differ the way edits do. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

function variants(seed: number): [string, string] {
  const next = random(seed);
  const words = ['alpha', 'beta', 'gamma', '', '}', 'return x;', 'delta'];
  const base = Array.from({ length: 5 + Math.floor(next() * 40) }, () => words[Math.floor(next() * words.length)]!);
  const edited = base.flatMap((line) => {
    const roll = next();
    if (roll < 0.08) return [];
    if (roll < 0.16) return [line, `added ${Math.floor(next() * 9)}`];
    if (roll < 0.24) return [`changed ${line}`];
    return [line];
  });
  const end = (lines: string[], newline: boolean) => lines.join('\n') + (newline && lines.length > 0 ? '\n' : '');
  return [end(base, next() < 0.8), end(edited, next() < 0.8)];
}

describe('unified diff hunks', () => {
  it('prints nothing for equal texts, and git’s hunks for an edit', () => {
    expect(unifiedHunks('a\nb\n', 'a\nb\n')).toEqual([]);
    expect(unifiedHunks('a\nb\nc\n', 'a\nB\nc\n')).toEqual(['@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c']);
    expect(unifiedHunks('', 'new\n')).toEqual(['@@ -0,0 +1 @@', '+new']);
    expect(unifiedHunks('a\n', 'a')).toEqual(['@@ -1 +1 @@', '-a', '+a', '\\ No newline at end of file']);
  });

  it('agrees with git diff line for line on 300 edited texts', () => {
    let checked = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const [before, after] = variants(seed);
      expect(unifiedHunks(before, after), `seed ${seed}`).toEqual(gitHunks(before, after));
      checked++;
    }
    expect(checked).toBe(300);
  });
});
