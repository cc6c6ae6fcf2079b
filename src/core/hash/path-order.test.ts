import { describe, expect, it } from 'vitest';
import { comparePaths } from './path-order.js';

const sorted = (paths: string[]): string[] => [...paths].sort(comparePaths);

describe('comparePaths', () => {
  it('puts a/z.md before a-b.md, which a plain string sort gets wrong', () => {
    expect(comparePaths('a/z.md', 'a-b.md')).toBeLessThan(0);
    expect(['a/z.md', 'a-b.md'].sort()).toEqual(['a-b.md', 'a/z.md']);
  });

  it('orders the spec test vector folder', () => {
    expect(sorted(['scripts/run.sh', 'a-b.md', 'a/z.md', 'SKILL.md'])).toEqual(['SKILL.md', 'a/z.md', 'a-b.md', 'scripts/run.sh']);
  });

  it('sorts a component that is a prefix of another first', () => {
    expect(comparePaths('a', 'ab')).toBeLessThan(0);
    expect(comparePaths('a/b', 'ab/c')).toBeLessThan(0);
    expect(comparePaths('ab/c', 'a/b')).toBeGreaterThan(0);
    expect(comparePaths('a/b', 'a/b/c')).toBeLessThan(0);
  });

  it('compares the first components before any later one', () => {
    expect(comparePaths('a/z', 'b/a')).toBeLessThan(0);
    expect(comparePaths('b/a', 'a/z')).toBeGreaterThan(0);
  });

  it('compares by code point, putting an astral character after U+E000..U+FFFF', () => {
    const astral = '\u{1F600}';
    expect(astral < '\uFFFD').toBe(true); // UTF-16 code units, the wrong order
    expect(comparePaths(astral, '\uFFFD')).toBeGreaterThan(0);
    expect(comparePaths('\uE000', astral)).toBeLessThan(0);
    expect(sorted(['\u{1F600}.md', '\uFFFD.md', 'z.md'])).toEqual(['z.md', '\uFFFD.md', '\u{1F600}.md']);
  });

  it('compares astral characters that share a high surrogate by their low one', () => {
    expect(comparePaths('\u{1F600}', '\u{1F601}')).toBeLessThan(0);
    expect(comparePaths('x/\u{1F601}', 'x/\u{1F600}')).toBeGreaterThan(0);
  });

  it('is case-sensitive by code point: upper case before lower case', () => {
    expect(sorted(['b.md', 'B.md', 'a.md'])).toEqual(['B.md', 'a.md', 'b.md']);
  });

  it('returns 0 only for equal paths', () => {
    expect(comparePaths('a/b.md', 'a/b.md')).toBe(0);
    expect(comparePaths('', '')).toBe(0);
    expect(comparePaths('', 'a')).toBeLessThan(0);
  });
});
