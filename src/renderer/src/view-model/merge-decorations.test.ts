import { describe, expect, it } from 'vitest';
import type { RegionView } from '../merge-model/region-view.js';
import { regionBlocks } from './merge-alignment.js';
import { changedColumns, charMarks, lineMarks, resultTone, sideTone } from './merge-decorations.js';

const span = (start: number, count: number) => ({ start, count });

function region(partial: Partial<RegionView> & Pick<RegionView, 'kind' | 'state'>): RegionView {
  return { index: 0, result: span(1, 1), base: span(1, 1), project: span(1, 1), collection: span(1, 1), resolved: partial.state !== 'unresolved', ...partial };
}

describe('region tones', () => {
  it('shows an open conflict as a conflict on both sides and a base change in the base', () => {
    const open = region({ kind: 'conflict', state: 'unresolved' });
    expect([sideTone(open, 'project'), sideTone(open, 'collection'), sideTone(open, 'base')]).toEqual(['conflict', 'conflict', 'base']);
    expect(resultTone({ regions: [open] })).toBe('conflict');
  });

  it('marks the side a conflict took as taken and the other as dropped', () => {
    const tookProject = region({ kind: 'conflict', state: 'project' });
    expect([sideTone(tookProject, 'project'), sideTone(tookProject, 'collection')]).toEqual(['taken', 'dropped']);
    const both = region({ kind: 'conflict', state: 'both_collection_first' });
    expect([sideTone(both, 'project'), sideTone(both, 'collection')]).toEqual(['taken', 'taken']);
    expect(resultTone({ regions: [both] })).toBe('resolved');
  });

  it('shows a change of one side only in that side, as applied', () => {
    const collectionOnly = region({ kind: 'collection', state: 'collection' });
    expect([sideTone(collectionOnly, 'project'), sideTone(collectionOnly, 'collection')]).toEqual([null, 'collection']);
    expect(resultTone({ regions: [collectionOnly] })).toBe('collection');
  });

  it('calls a region typed by hand, or regions a hand edit joined, hand', () => {
    expect(resultTone({ regions: [region({ kind: 'conflict', state: 'hand' })] })).toBe('hand');
    expect(resultTone({ regions: [region({ kind: 'project', state: 'project' }), region({ kind: 'collection', state: 'collection' })] })).toBe('hand');
  });
});

describe('line marks', () => {
  it('marks a region in each pane where it lies there (1-based, inclusive)', () => {
    const blocks = regionBlocks([region({ kind: 'conflict', state: 'unresolved', result: span(2, 5), project: span(2, 1), collection: span(2, 2) })]);
    expect(lineMarks('result', blocks, 10)).toEqual([{ startLine: 3, endLine: 7, tone: 'conflict' }]);
    expect(lineMarks('collection', blocks, 10)).toEqual([{ startLine: 3, endLine: 4, tone: 'conflict' }]);
  });

  it('marks a span with no lines as a point above the next line, or below the last', () => {
    const deletedInProject = regionBlocks([region({ kind: 'project', state: 'project', project: span(3, 0), result: span(3, 0) })]);
    expect(lineMarks('project', deletedInProject, 5)).toEqual([{ startLine: 4, endLine: 4, tone: 'project', point: 'above' }]);
    expect(lineMarks('project', deletedInProject, 3)).toEqual([{ startLine: 3, endLine: 3, tone: 'project', point: 'below' }]);
  });
});

describe('character marks', () => {
  it('finds the changed middle of a line', () => {
    expect(changedColumns('line b, as the project wants it\n', 'line b\n')).toEqual({ startColumn: 7, endColumn: 32 });
    expect(changedColumns('the red fox', 'the brown fox')).toEqual({ startColumn: 5, endColumn: 8 });
    expect(changedColumns('same\n', 'same\r\n')).toBeNull();
    expect(changedColumns('ab', 'abc')).toBeNull();
  });

  it('marks changed characters in each side against the base, pairing lines in order', () => {
    const texts = { base: ['a\n', 'old\n', 'z\n'], project: ['a\n', 'new\n', 'z\n'], collection: ['a\n', 'older\n', 'z\n'], result: ['a\n', 'new\n', 'z\n'] };
    const blocks = regionBlocks([region({ kind: 'conflict', state: 'project', result: span(1, 1) })]);
    expect(charMarks('project', blocks, texts)).toEqual([{ line: 2, startColumn: 1, endColumn: 4 }]);
    expect(charMarks('collection', blocks, texts)).toEqual([{ line: 2, startColumn: 4, endColumn: 6 }]);
    expect(charMarks('result', blocks, texts)).toEqual([{ line: 2, startColumn: 1, endColumn: 4 }]);
  });
});
