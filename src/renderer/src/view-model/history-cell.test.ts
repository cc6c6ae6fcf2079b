import { describe, expect, it } from 'vitest';
import { cellDrawing, laneColour, laneX, LANE_COLOURS, LANE_WIDTH } from './history-cell.js';

const row = (column: number, above: number[], below: number[], turns: number[] = [], merge = false) => ({ column, above, below, turns, merge });

describe('a history row drawn from itself alone', () => {
  it('draws a node on a straight lane: in from above, on down below', () => {
    const drawing = cellDrawing(row(0, [0], [0]), 1, 40);
    expect(drawing.width).toBe(LANE_WIDTH);
    expect(drawing.node).toEqual({ cx: laneX(0), cy: 20, column: 0 });
    expect(drawing.lines.map((l) => l.d)).toEqual([`M${laneX(0)} 0V20`, `M${laneX(0)} 20V40`]);
  });

  it('draws the first version of a lane with nothing above, and the last with nothing below', () => {
    expect(cellDrawing(row(1, [], [1]), 2, 40).lines.map((l) => l.d)).toEqual([`M${laneX(1)} 20V40`]);
    expect(cellDrawing(row(0, [0], []), 1, 40).lines.map((l) => l.d)).toEqual([`M${laneX(0)} 0V20`]);
  });

  it('passes other lanes straight through, and turns an edge into its parent lane in that lane colour', () => {
    // A project version whose parent is in the collection (lane 0), while lane 2 passes by.
    const drawing = cellDrawing(row(1, [2], [0, 2], [0]), 3, 40);
    expect(drawing.lines).toEqual([
      { d: `M${laneX(2)} 0V40`, column: 2 },
      { d: `M${laneX(1)} 20C${laneX(1)} 40,${laneX(0)} 20,${laneX(0)} 40`, column: 0 },
    ]);
  });

  it('draws both parents of a merge: its own lane and the turn', () => {
    const drawing = cellDrawing(row(1, [1], [0, 1], [0], true), 2, 40);
    expect(drawing.lines.map((l) => l.column)).toEqual([1, 1, 0]);
  });

  it('gives each place a colour of its own, the same whatever the filters', () => {
    expect(new Set(LANE_COLOURS.map((_, i) => laneColour(i))).size).toBe(LANE_COLOURS.length);
    expect(laneColour(LANE_COLOURS.length + 1)).toBe(laneColour(1));
  });
});
