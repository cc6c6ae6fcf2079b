import { describe, expect, it } from 'vitest';
import { diffLines } from './line-diff.js';
import type { LineChange } from './line-diff.js';
import { LineIdTable } from './line-ids.js';
import { splitLines } from './text-lines.js';

/** Diffs two texts given as lines (each gets "\n"). */
function diff(a: string[], b: string[]): LineChange[] {
  const table = new LineIdTable();
  return diffLines(table.idsOf(a.map((l) => `${l}\n`)), table.idsOf(b.map((l) => `${l}\n`)));
}

/** Applies changes to a's lines, which must give b's: a diff that cannot is wrong whatever its shape. */
function apply(a: readonly number[], b: readonly number[], changes: readonly LineChange[]): number[] {
  const out: number[] = [];
  let next = 0;
  for (const change of changes) {
    out.push(...a.slice(next, change.aStart), ...b.slice(change.bStart, change.bStart + change.bCount));
    next = change.aStart + change.aCount;
  }
  return [...out, ...a.slice(next)];
}

describe('diffLines', () => {
  it('finds nothing to change between equal files', () => {
    expect(diff(['a', 'b'], ['a', 'b'])).toEqual([]);
  });

  it('reports a replaced line as one change', () => {
    expect(diff(['a', 'b', 'c'], ['a', 'B', 'c'])).toEqual([{ aStart: 1, aCount: 1, bStart: 1, bCount: 1 }]);
  });

  it('reports insertions and deletions at both ends', () => {
    expect(diff(['a', 'b', 'c'], ['x', 'b'])).toEqual([
      { aStart: 0, aCount: 1, bStart: 0, bCount: 1 },
      { aStart: 2, aCount: 1, bStart: 2, bCount: 0 },
    ]);
  });

  it('places an inserted copy of an existing line after it, as git does', () => {
    // "a b c" → "a b b c": the new "b" could be either one; git reports the second.
    expect(diff(['a', 'b', 'c'], ['a', 'b', 'b', 'c'])).toEqual([{ aStart: 2, aCount: 0, bStart: 2, bCount: 1 }]);
  });

  it('slides an inserted block that repeats its neighbours to the bottom, as git does', () => {
    const a = ['a', '}', '', 'b', '}', '', 'c'];
    const b = ['a', '}', '', 'b', '}', '', 'new', '}', '', 'c'];
    expect(diff(a, b)).toEqual([{ aStart: 6, aCount: 0, bStart: 6, bCount: 3 }]);
  });

  it('diffs a 50,000-line file against its CRLF conversion as one change, quickly', () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `line ${i % 7_000} of the file\n`);
    const table = new LineIdTable();
    const a = table.idsOf(lines);
    const b = table.idsOf(lines.map((line) => line.replace('\n', '\r\n')));
    const started = performance.now();
    const changes = diffLines(a, b);
    expect(performance.now() - started).toBeLessThan(1_000); // about 20 ms; O(ND) alone would take minutes
    expect(changes).toEqual([{ aStart: 0, aCount: 50_000, bStart: 0, bCount: 50_000 }]);
  });

  it('gives a correct diff of two unrelated files over a tiny alphabet, in bounded time', () => {
    // Worst case for O(ND): every line matches often, almost nothing lines up. The cost cutoff
    // gives up minimality but never correctness.
    let seed = 1;
    const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % 4;
    const table = new LineIdTable();
    const aIds = table.idsOf(Array.from({ length: 20_000 }, () => `${next()}\n`));
    const bIds = table.idsOf(Array.from({ length: 20_000 }, () => `${next()}\n`));
    const started = performance.now();
    const changes = diffLines(aIds, bIds);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(apply([...aIds], [...bIds], changes)).toEqual([...bIds]);
  });

  it('counts both files right when the ids outgrow its counters in the first file', () => {
    // Ids far past any earlier test's: the counters grow while the first file is counted.
    const a = Int32Array.from({ length: 3000 }, (_, i) => 3_000_000 + i);
    const b = a.map((id, i) => (i === 1500 ? 1 : id));
    expect(diffLines(a, b)).toEqual([{ aStart: 1500, aCount: 1, bStart: 1500, bCount: 1 }]);
  });

  it('passes long runs of lines unchanged in both files in step with the changes around them', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `line ${i}`);
    // Insertions, deletions and replacements, some next to each other, with lines a group could slide over.
    const b = a.flatMap((line, i) => (i % 500 === 7 ? [] : i % 700 === 9 ? [line, 'x', 'x'] : i % 900 === 11 ? ['line 10'] : [line]));
    const changes = diff(a, b);
    const table = new LineIdTable();
    const [ids, otherIds] = [table.idsOf(a), table.idsOf(b)];
    expect(apply([...ids], [...otherIds], changes)).toEqual([...otherIds]);
    expect(changes.length).toBeGreaterThan(15);
  });

  it('compares whole lines including their endings', () => {
    const table = new LineIdTable();
    const changes = diffLines(table.idsOf(splitLines('a\nb\n')), table.idsOf(splitLines('a\nb')));
    expect(changes).toEqual([{ aStart: 1, aCount: 1, bStart: 1, bCount: 1 }]);
  });
});
