import { describe, expect, it } from 'vitest';
import { newestFirst } from './history-order.js';

const node = (id: string, createdAt: string, parents: string[] = []) => ({ id, createdAt, parents });

describe('newestFirst', () => {
  it('orders by time, newest first', () => {
    expect(newestFirst([node('a', '2026-01-01T00:00:00Z'), node('c', '2026-01-03T00:00:00Z'), node('b', '2026-01-02T00:00:00Z')])).toEqual(['c', 'b', 'a']);
  });

  it('puts a child before its parent even when the parent looks newer', () => {
    // Same-second times tie; a clock set back could even invert them.
    expect(newestFirst([node('parent', '2026-01-02T00:00:00Z'), node('child', '2026-01-01T00:00:00Z', ['parent'])])).toEqual(['child', 'parent']);
  });

  it('places a merge before both of its parents, and the common base last', () => {
    const t = '2026-01-01T00:00:00Z';
    const order = newestFirst([node('base', t), node('left', t, ['base']), node('right', t, ['base']), node('merge', t, ['left', 'right'])]);
    expect(order[0]).toBe('merge');
    expect(order[3]).toBe('base');
  });

  it('ignores parents that belong to another artifact', () => {
    expect(newestFirst([node('fork', '2026-01-01T00:00:00Z', ['av_other-skill_000000000000'])])).toEqual(['fork']);
  });

  it('still lists every node of a cycle', () => {
    expect(newestFirst([node('a', '2026-01-01T00:00:00Z', ['b']), node('b', '2026-01-02T00:00:00Z', ['a'])]).sort()).toEqual(['a', 'b']);
  });

  it('agrees with the plain quadratic rule on random DAGs with tied times', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 50; round++) {
      const nodes: { id: string; createdAt: string; parents: string[] }[] = [];
      for (let i = 0; i < 60; i++) {
        const parents = i === 0 ? [] : [...new Set([`v${random(i)}`, ...(random(4) === 0 ? [`v${random(i)}`] : [])])];
        nodes.push(node(`v${i}`, `2026-01-01T00:00:${String(random(10)).padStart(2, '0')}Z`, parents));
      }
      expect(newestFirst(nodes)).toEqual(quadraticNewestFirst(nodes));
    }
  });

  it('orders 10,000 versions whose times all tie', () => {
    const t = '2026-01-01T00:00:00Z';
    const nodes = Array.from({ length: 10_000 }, (_, i) => node(`v${String(i).padStart(5, '0')}`, t, i === 0 ? [] : [`v${String(i - 1).padStart(5, '0')}`]));
    const order = newestFirst(nodes);
    expect(order[0]).toBe('v09999');
    expect(order.at(-1)).toBe('v00000');
  });
});

/** The rule written the obvious way (the newest ready version next, found by scanning): the reference. */
function quadraticNewestFirst(nodes: readonly { id: string; createdAt: string; parents: readonly string[] }[]): string[] {
  const byRecency = [...nodes].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
  const waiting = new Map(nodes.map((n) => [n.id, 0]));
  for (const n of nodes) for (const p of new Set(n.parents)) if (waiting.has(p) && p !== n.id) waiting.set(p, waiting.get(p)! + 1);
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < nodes.length) {
    const next = byRecency.find((n) => !placed.has(n.id) && waiting.get(n.id) === 0)!;
    placed.add(next.id);
    order.push(next.id);
    for (const p of new Set(next.parents)) if (waiting.has(p) && p !== next.id) waiting.set(p, waiting.get(p)! - 1);
  }
  return order;
}
