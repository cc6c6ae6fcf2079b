import { describe, expect, it } from 'vitest';
import { splitGroup } from './split-group.js';
import type { GroupAtom } from './split-group.js';

const gap = (...lines: string[]): GroupAtom => ({ kind: 'gap', texts: [lines] });
const region = (...recognised: string[][]): GroupAtom => ({ kind: 'region', recognised });
const alone = (...counts: number[]) => counts.map((count) => ({ atoms: 1, count }));

describe('splitGroup', () => {
  it('cuts a group so that every gap holds its lines and the regions take what lies between', () => {
    const lines = ['top\n', 'x\n', 'mid\n', 'y\n', 'z\n', 'end\n'];
    expect(splitGroup(lines, 0, 6, [gap('top\n'), region(), gap('mid\n'), region(), gap('end\n')])).toEqual(alone(1, 1, 1, 2, 1));
  });

  it('leaves the group whole when no gap holds its lines', () => {
    const lines = ['TOP\n', 'x\n', 'MID\n', 'y\n'];
    expect(splitGroup(lines, 0, 4, [gap('top\n'), region(), gap('mid\n'), region()])).toBeNull();
  });

  it('cuts at the gaps that are back and keeps the rest joined', () => {
    const lines = ['top\n', 'x\n', 'MID\n', 'y\n', 'low\n', 'z\n'];
    const atoms = [gap('top\n'), region(), gap('mid\n'), region(), gap('low\n'), region()];
    expect(splitGroup(lines, 0, 6, atoms)).toEqual([{ atoms: 1, count: 1 }, { atoms: 3, count: 3 }, ...alone(1, 1)]);
  });

  it('takes a gap back when it holds any of its texts', () => {
    const lines = ['x\n', 'edited\n', 'y\n'];
    const atoms: GroupAtom[] = [region(), { kind: 'gap', texts: [['edited\n'], ['original\n']] }, region()];
    expect(splitGroup(lines, 0, 3, atoms)).toEqual(alone(1, 1, 1));
  });

  it('pins a gap that opens or closes the group to its edge', () => {
    // "end" occurs twice; as the group's last atom, the gap can only be the last line.
    const lines = ['end\n', 'x\n', 'end\n'];
    expect(splitGroup(lines, 0, 3, [region(), gap('end\n')])).toEqual(alone(2, 1));
  });

  it('prefers the cut under which regions read as a recognised text over the earliest fit', () => {
    // The gap is a blank line, which the first region's project text also holds.
    const lines = ['a1\n', '\n', 'a2\n', '\n', 'b\n'];
    const atoms = [region(['a1\n', '\n', 'a2\n']), gap('\n'), region(['b\n'])];
    expect(splitGroup(lines, 0, 5, atoms)).toEqual(alone(3, 1, 1));
  });

  it('takes the earliest fit when no cut recognises more regions', () => {
    const lines = ['a\n', '\n', 'b\n', '\n', 'c\n'];
    expect(splitGroup(lines, 0, 5, [region(), gap('\n'), region()])).toEqual(alone(1, 1, 3));
  });

  it('places an empty gap where the regions around it read as their texts', () => {
    const lines = ['a\n', 'b\n', 'c\n'];
    expect(splitGroup(lines, 0, 3, [region(['a\n', 'b\n']), gap(), region(['c\n'])])).toEqual(alone(2, 0, 1));
  });

  it('reads the group at an offset into the lines', () => {
    const lines = ['before\n', 'x\n', 'mid\n', 'y\n', 'after\n'];
    expect(splitGroup(lines, 1, 3, [region(), gap('mid\n'), region()])).toEqual(alone(1, 1, 1));
  });
});
