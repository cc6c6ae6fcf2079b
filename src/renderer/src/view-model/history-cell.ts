/**
 * How one row of the history graph is drawn, from that row alone (its GraphRow: the columns a line
 * enters from above, leaves below, and where the node's edges turn): SVG path data per line, so a
 * row renders independently in the virtualized list, as VS Code's scmHistory.ts renders its rows.
 */
import type { HistoryEntry } from '../../../shared/history-results.js';

/** Pixels per lane, and the row's height (the list's rows all share it). */
export const LANE_WIDTH = 16;
export const ROW_HEIGHT = 40;

export interface CellLine {
  /** SVG path data. */
  readonly d: string;
  /** The column whose colour it takes: the lane it runs in (a turn takes its target's). */
  readonly column: number;
}

export interface CellDrawing {
  readonly width: number;
  readonly lines: readonly CellLine[];
  readonly node: { readonly cx: number; readonly cy: number; readonly column: number };
}

/** The x of a column's centre. */
export function laneX(column: number): number {
  return column * LANE_WIDTH + LANE_WIDTH / 2;
}

/** The drawing of one row in a graph of `laneCount` lanes. */
export function cellDrawing(graph: HistoryEntry['graph'], laneCount: number, height = ROW_HEIGHT): CellDrawing {
  const mid = height / 2;
  const lines: CellLine[] = [];
  const node = graph.column;
  const nodeX = laneX(node);
  const above = new Set(graph.above);
  const below = new Set(graph.below);
  for (const column of new Set([...graph.above, ...graph.below])) {
    const x = laneX(column);
    if (column === node) continue;
    // Another lane: a line passing by (edges end only in their own lane, so what enters also leaves),
    // or one starting here, which the turn below draws.
    if (above.has(column) && below.has(column)) lines.push({ d: `M${x} 0V${height}`, column });
    else if (above.has(column)) lines.push({ d: `M${x} 0V${mid}`, column });
  }
  if (above.has(node)) lines.push({ d: `M${nodeX} 0V${mid}`, column: node });
  // Below the node in its own lane: a parent in the same place, or a line passing that the node sits on.
  if (below.has(node)) lines.push({ d: `M${nodeX} ${mid}V${height}`, column: node });
  for (const target of graph.turns) {
    const x = laneX(target);
    lines.push({ d: `M${nodeX} ${mid}C${nodeX} ${height},${x} ${mid},${x} ${height}`, column: target });
  }
  return { width: Math.max(1, laneCount) * LANE_WIDTH, lines, node: { cx: nodeX, cy: mid, column: node } };
}

/** Colours of the lanes, by a place's position among the artifact's places (stable as filters change). */
export const LANE_COLOURS = ['#2f6fdb', '#c2410c', '#15803d', '#9333ea', '#b45309', '#0e7490', '#be185d', '#4d7c0f'] as const;

export function laneColour(placeIndex: number): string {
  return LANE_COLOURS[((placeIndex % LANE_COLOURS.length) + LANE_COLOURS.length) % LANE_COLOURS.length]!;
}
