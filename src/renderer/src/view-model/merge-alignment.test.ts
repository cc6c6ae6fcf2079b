import { describe, expect, it } from 'vitest';
import { alignmentZones, regionBlocks, type AlignedPane, type ZoneSpec } from './merge-alignment.js';

/** The panes drawn side by side as they would show: each pane's lines, `~` for padding, `#` for a header row. */
function sideBySide(panes: readonly (AlignedPane & { readonly lines: readonly string[] })[], zones: readonly ZoneSpec[][]): string[] {
  const columns = panes.map((pane, p) => {
    const rows: string[] = [];
    const zonesAfter = (line: number) =>
      (zones[p] ?? [])
        .filter((z) => z.afterLineNumber === line)
        .sort((a, b) => a.ordinal - b.ordinal)
        .flatMap((z) => Array<string>(z.heightInLines).fill(z.kind === 'header' ? '#' : '~'));
    rows.push(...zonesAfter(0));
    pane.lines.forEach((line, i) => rows.push(line, ...zonesAfter(i + 1)));
    return rows;
  });
  const height = Math.max(...columns.map((c) => c.length));
  return Array.from({ length: height }, (_, row) => columns.map((c) => (c[row] ?? '').padEnd(6)).join('|').trimEnd());
}

const pane = (lines: string[], blocks: { start: number; count: number }[]) => ({ lines, lineCount: lines.length, blocks });

describe('aligning merge panes', () => {
  it('pads the shorter side of a block so the lines after it sit side by side', () => {
    const project = pane(['a', 'p1', 'p2', 'p3', 'z'], [{ start: 1, count: 3 }]);
    const result = pane(['a', 'r1', 'z'], [{ start: 1, count: 1 }]);
    const collection = pane(['a', 'c1', 'c2', 'z'], [{ start: 1, count: 2 }]);
    const panes = [project, result, collection];
    expect(sideBySide(panes, alignmentZones(panes))).toEqual([
      'a     |a     |a', //
      'p1    |r1    |c1',
      'p2    |~     |c2',
      'p3    |~     |~',
      'z     |z     |z',
    ]);
  });

  it('opens a gap where one side inserted lines and the other has none (an empty span)', () => {
    const project = pane(['a', 'new', 'b'], [{ start: 1, count: 1 }]);
    const collection = pane(['a', 'b'], [{ start: 1, count: 0 }]);
    const panes = [project, collection];
    expect(sideBySide(panes, alignmentZones(panes))).toEqual(['a     |a', 'new   |~', 'b     |b']);
  });

  it('puts a header row above each block that asks for one, in every pane', () => {
    const project = pane(['p', 'x'], [{ start: 0, count: 1 }]);
    const result = pane(['<', 'p', '=', 'c', '>', 'x'], [{ start: 0, count: 5 }]);
    const panes = [project, result];
    expect(sideBySide(panes, alignmentZones(panes, [1]))).toEqual(['#     |#', 'p     |<', '~     |p', '~     |=', '~     |c', '~     |>', 'x     |x']);
  });

  it('pads unchanged stretches that differ in length (a hand edit between regions)', () => {
    const project = pane(['a', 'P', 'b', 'Q'], [{ start: 1, count: 1 }, { start: 3, count: 1 }]);
    const result = pane(['a', 'P', 'b', 'typed', 'Q'], [{ start: 1, count: 1 }, { start: 4, count: 1 }]);
    const panes = [project, result];
    expect(sideBySide(panes, alignmentZones(panes))).toEqual(['a     |a', 'P     |P', 'b     |b', '~     |typed', 'Q     |Q']);
  });

  it('makes every pane equally tall, so one scrollTop fits all', () => {
    const panes = [pane(['1', '2', '3'], [{ start: 1, count: 2 }]), pane(['1'], [{ start: 1, count: 0 }]), pane(['1', '2', '3', '4', '5', '6'], [{ start: 0, count: 1 }])];
    const rows = sideBySide(panes, alignmentZones(panes));
    const heights = panes.map((p, i) => p.lineCount + (alignmentZones(panes)[i] ?? []).reduce((sum, z) => sum + z.heightInLines, 0));
    expect(new Set(heights).size).toBe(1);
    expect(rows).toHaveLength(heights[0] ?? 0);
  });

  it('numbers each zone from its block, so it keeps its number while an earlier block changes size', () => {
    const before = alignmentZones([pane(['a', 'x', 'b', 'y'], [{ start: 1, count: 1 }, { start: 3, count: 1 }]), pane(['a', 'b', 'c'], [{ start: 1, count: 0 }, { start: 2, count: 0 }])], [1, 1]);
    const after = alignmentZones([pane(['a', 'x', 'x', 'b', 'y'], [{ start: 1, count: 2 }, { start: 4, count: 1 }]), pane(['a', 'b', 'c'], [{ start: 1, count: 0 }, { start: 2, count: 0 }])], [1, 1]);
    const ofBlock1 = (zones: ZoneSpec[][]) => (zones[1] ?? []).filter((z) => z.block === 1).map((z) => [z.kind, z.afterLineNumber, z.ordinal]);
    expect(ofBlock1(after)).toEqual(ofBlock1(before));
  });
});

describe('grouping regions into blocks', () => {
  const region = (result: [number, number], side: [number, number]) => ({
    result: { start: result[0], count: result[1] },
    base: { start: side[0], count: side[1] },
    project: { start: side[0], count: side[1] },
    collection: { start: side[0], count: side[1] },
  });

  it('keeps regions apart while their result lines are apart', () => {
    expect(regionBlocks([region([1, 2], [1, 1]), region([5, 1], [4, 1])])).toHaveLength(2);
  });

  it('joins regions that a hand edit made one (they report the same result span)', () => {
    const blocks = regionBlocks([region([1, 6], [1, 1]), region([1, 6], [4, 1])]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ result: { start: 1, count: 6 }, project: { start: 1, count: 4 } });
    expect(blocks[0]?.regions).toHaveLength(2);
  });
});
