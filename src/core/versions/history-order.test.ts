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
});
