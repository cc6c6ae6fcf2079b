import { describe, expect, it } from 'vitest';
import { mergeLines } from './line-merge.js';
import { TextLines } from './text-lines.js';

function lines(...texts: string[]): TextLines {
  return new TextLines(texts.map((t) => `${t}\n`).join(''));
}

describe('mergeLines', () => {
  it('lists each side\'s change as a region with its line ranges on all three sides', () => {
    const regions = mergeLines(lines('a', 'b', 'c', 'd', 'e'), lines('a', 'B', 'c', 'd', 'e'), lines('a', 'b', 'c', 'x', 'y', 'e'));
    expect(regions).toEqual([
      { kind: 'local', base: { start: 1, count: 1 }, local: { start: 1, count: 1 }, remote: { start: 1, count: 1 } },
      { kind: 'remote', base: { start: 3, count: 1 }, local: { start: 3, count: 1 }, remote: { start: 3, count: 2 } },
    ]);
  });

  it('leaves out changes both sides made identically', () => {
    expect(mergeLines(lines('a', 'b'), lines('a', 'B'), lines('a', 'B'))).toEqual([]);
  });

  it('keeps a conflict\'s base range in the diff3 style', () => {
    const [region] = mergeLines(lines('a', 'b', 'c'), lines('a', 'x', 'c'), lines('a', 'y', 'z', 'c'), 'diff3');
    expect(region).toEqual({ kind: 'conflict', base: { start: 1, count: 1 }, local: { start: 1, count: 1 }, remote: { start: 1, count: 2 } });
  });

  it('trims the lines both sides share at a conflict\'s edges in the zdiff3 style, keeping its whole base range', () => {
    const [region] = mergeLines(lines('a', 'b', 'c'), lines('a', 'same', 'x', 'end', 'c'), lines('a', 'same', 'y', 'end', 'c'), 'zdiff3');
    expect(region).toEqual({ kind: 'conflict', base: { start: 1, count: 1 }, local: { start: 2, count: 1 }, remote: { start: 2, count: 1 } });
  });

  it('narrows a conflict to the lines the sides disagree on in the default style', () => {
    const [region] = mergeLines(lines('a', 'b', 'c'), lines('a', 'same', 'x', 'c'), lines('a', 'same', 'y', 'c'));
    expect(region).toEqual({ kind: 'conflict', base: null, local: { start: 2, count: 1 }, remote: { start: 2, count: 1 } });
  });
});
