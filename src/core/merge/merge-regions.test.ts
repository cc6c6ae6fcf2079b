import { describe, expect, it } from 'vitest';
import { mergeRegions } from './merge-regions.js';
import { mergeText } from './merge-text.js';
import { splitLines } from './text-lines.js';

/** Each region as one readable line: kind, then its lines in base | project | collection | merged. */
function project(base: string, ours: string, theirs: string): string[] {
  const { merged, regions } = mergeRegions(base, ours, theirs);
  const texts = { base: splitLines(base), project: splitLines(ours), collection: splitLines(theirs), merged: splitLines(merged) };
  const show = (side: keyof typeof texts, range: { start: number; count: number }) => texts[side].slice(range.start, range.start + range.count).join('').replace(/\n/g, '⏎');
  return regions.map((r) => `${r.kind}: ${show('base', r.base)} | ${show('project', r.project)} | ${show('collection', r.collection)} | ${show('merged', r.merged)}`);
}

const BASE = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n';

describe('the regions of a merge, measured in all four texts', () => {
  it('writes the same merged text as merge-file', () => {
    const ours = BASE.replace('b\n', 'B1\n').replace('f\n', 'F1\n').replace('k\n', 'K\n');
    const theirs = BASE.replace('b\n', 'B2\n').replace('f\n', 'F2\n').replace('i\n', 'I\n');
    expect(mergeRegions(BASE, ours, theirs).merged).toBe(mergeText(BASE, ours, theirs).text);
  });

  it('lists applied changes and conflicts in order, each with its lines on every side', () => {
    const ours = BASE.replace('b\n', 'B1\n').replace('k\n', 'K\n');
    const theirs = BASE.replace('b\n', 'B2\n').replace('g\n', 'G\n');
    expect(project(BASE, ours, theirs)).toEqual([
      'conflict: b⏎ | B1⏎ | B2⏎ | <<<<<<< project⏎B1⏎=======⏎B2⏎>>>>>>> collection⏎',
      'collection: g⏎ | g⏎ | G⏎ | G⏎',
      'project: k⏎ | K⏎ | k⏎ | K⏎',
    ]);
  });

  it('gives a refined conflict the base lines its project lines replaced', () => {
    // Both sides rewrite b..d; they agree on the middle line, which git's refinement drops from the conflict.
    const ours = 'a\nB1\nsame\nD1\ne\n';
    const theirs = 'a\nB2\nsame\nD2\ne\n';
    const lines = project('a\nb\nc\nd\ne\n', ours, theirs);
    expect(lines).toEqual(['conflict: b⏎c⏎d⏎ | B1⏎same⏎D1⏎ | B2⏎same⏎D2⏎ | <<<<<<< project⏎B1⏎same⏎D1⏎=======⏎B2⏎same⏎D2⏎>>>>>>> collection⏎']);
  });

  it('measures a conflict on a last line without a newline', () => {
    expect(project('a\nb', 'a\nB1', 'a\nB2')).toEqual(['conflict: b | B1 | B2 | <<<<<<< project⏎B1⏎=======⏎B2⏎>>>>>>> collection⏎']);
  });

  it('keeps a deletion against a change as a conflict with an empty project side', () => {
    expect(project('a\nb\nc\n', 'a\nc\n', 'a\nB\nc\n')).toEqual(['conflict: b⏎ |  | B⏎ | <<<<<<< project⏎=======⏎B⏎>>>>>>> collection⏎']);
  });
});
