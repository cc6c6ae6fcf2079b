import { describe, expect, it } from 'vitest';
import { graphText, layoutHistory, placeLabel, type GraphNode } from './history-graph.js';

const C = 'collection:default';
const A = 'project:/work/alpha';
const B = 'project:/work/beta';

/** The graph as `git log --graph` would print it, each node line followed by its version id. */
function draw(nodes: readonly GraphNode[]): string {
  const layout = layoutHistory(nodes);
  return graphText(layout)
    .flatMap((row, index) => [`${row.node.padEnd(layout.places.length * 2 - 1)} ${layout.rows[index]!.id}`, ...(row.turn === undefined ? [] : [row.turn])])
    .map((line) => line.trimEnd())
    .join('\n');
}

const node = (id: string, place: string, ...parents: string[]): GraphNode => ({ id, place, parents });

describe('the history graph layout', () => {
  it('draws a linear history in one lane', () => {
    expect(draw([node('c3', C, 'c2'), node('c2', C, 'c1'), node('c1', C)])).toBe(['* c3', '* c2', '* c1'].join('\n'));
  });

  it('forks into two projects: each in its own lane, the edges turning back to the collection', () => {
    const text = draw([node('b1', B, 'c1'), node('a1', A, 'c1'), node('c1', C)]);
    expect(text).toBe(['  *   b1', ' /', '|   * a1', '|__/', '*     c1'].join('\n'));
    expect(layoutHistory([node('b1', B, 'c1'), node('a1', A, 'c1'), node('c1', C)]).places).toEqual([C, B, A]);
  });

  it('marks a merge and draws both of its parents: the project copy and the collection copy', () => {
    const text = draw([node('m', A, 'a1', 'c2'), node('c2', C, 'c1'), node('a1', A, 'c1'), node('c1', C)]);
    expect(text).toBe(['  M m', ' /|', '* | c2', '| * a1', '|/', '*   c1'].join('\n'));
  });

  it('keeps a column for a place that stops, and draws nothing in it once its last version is past', () => {
    const text = draw([node('c3', C, 'c2'), node('a1', A, 'c1'), node('c2', C, 'c1'), node('c1', C)]);
    expect(text).toBe(['*   c3', '| * a1', '|/', '*   c2', '*   c1'].join('\n'));
    const rows = layoutHistory([node('c3', C, 'c2'), node('a1', A, 'c1'), node('c2', C, 'c1'), node('c1', C)]).rows;
    expect(rows.map((r) => r.below)).toEqual([[0], [0], [0], []]);
  });

  it('ignores parents outside the list (a page not read, another artifact) and draws no line for them', () => {
    expect(draw([node('c2', C, 'c1'), node('c1', C, 'elsewhere')])).toBe(['* c2', '* c1'].join('\n'));
  });

  it('lays out 10,000 versions over 50 places with every edge accounted for', () => {
    const nodes: GraphNode[] = [];
    const count = 10_000;
    for (let i = count - 1; i >= 0; i--) {
      const place = i % 5 === 0 ? C : `project:/p${i % 50}`;
      const parents = i === 0 ? [] : i % 7 === 0 && i > 1 ? [`v${i - 1}`, `v${i - 2}`] : [`v${i - 1}`];
      nodes.push(node(`v${i}`, place, ...parents));
    }
    const layout = layoutHistory(nodes);
    expect(layout.rows).toHaveLength(count);
    expect(layout.places[0]).toBe(C);
    // Counted independently: below row i run exactly the columns of edges from a row at or above i
    // to a parent below it, and nothing is left open after the oldest.
    const rowOf = new Map(nodes.map((n, i) => [n.id, i]));
    const column = new Map(layout.places.map((place, i) => [place, i]));
    const crossing = Array.from({ length: layout.places.length }, () => new Array<number>(count + 1).fill(0));
    nodes.forEach((n, child) => {
      for (const parent of new Set(n.parents)) {
        const at = rowOf.get(parent);
        if (at === undefined) continue;
        const lane = crossing[column.get(nodes[at]!.place)!]!;
        lane[child] = lane[child]! + 1;
        lane[at] = lane[at]! - 1;
      }
    });
    const running = new Array<number>(layout.places.length).fill(0);
    let mismatches = 0;
    for (let i = 0; i < count; i++) {
      const expected: number[] = [];
      for (let c = 0; c < running.length; c++) {
        running[c] = running[c]! + crossing[c]![i]!;
        if (running[c]! > 0) expected.push(c);
      }
      if (expected.join() !== layout.rows[i]!.below.join()) mismatches += 1;
    }
    expect(mismatches).toBe(0);
    expect(layout.rows.at(-1)!.below).toEqual([]);
    expect(layout.rows.filter((r) => r.merge)).toHaveLength(Math.floor((count - 1) / 7));
  });

  it('names places as people do: the collection by name, a project copy by its project folder', () => {
    expect(placeLabel('collection:default')).toBe('collection default');
    expect(placeLabel('project:/work/site/.claude/skills/canvas')).toBe('project /work/site');
    expect(placeLabel('project:/work/site/.claude/agents/review.md')).toBe('project /work/site');
  });
});
