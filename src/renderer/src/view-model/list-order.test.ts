import { describe, expect, it } from 'vitest';
import { keepOrder, sortedRows, type OrderedRow } from './list-order.js';

const row = (name: string, needsAction = false, key = `skill:${name}`): OrderedRow => ({ key, name, needsAction });
const names = (rows: readonly OrderedRow[]) => rows.map((r) => r.name);
const same = (r: OrderedRow) => r;

describe('the ordering rule', () => {
  it('puts what needs action first, then orders by name without regard to case, numbers by value', () => {
    expect(names(sortedRows([row('tidy'), row('Canvas'), row('zeta', true), row('api-2'), row('api-10'), row('alpha', true)], same))).toEqual(['alpha', 'zeta', 'api-2', 'api-10', 'Canvas', 'tidy']);
  });

  it('tells rows of the same name apart by key, so the order is total', () => {
    const command = row('review', false, 'command:review');
    const skill = row('review', false, 'skill:review');
    expect(sortedRows([skill, command], same)).toEqual([command, skill]);
    expect(sortedRows([command, skill], same)).toEqual([command, skill]);
  });
});

describe('keeping the order on screen', () => {
  it('keeps every row in its place when an action changes what needs action', () => {
    const shown = ['canvas', 'tidy', 'zeta'].map((n) => `skill:${n}`);
    const after = [row('canvas'), row('tidy'), row('zeta', true)];
    expect(names(keepOrder(shown, after, same))).toEqual(['canvas', 'tidy', 'zeta']);
  });

  it('closes the gap of a row that went away without moving the others', () => {
    expect(names(keepOrder(['skill:a', 'skill:b', 'skill:c'], [row('c', true), row('a')], same))).toEqual(['a', 'c']);
  });

  it('places a new row where a fresh sort would, among rows that are still sorted', () => {
    const shown = ['skill:beta', 'skill:alpha', 'skill:delta'];
    const items = [row('delta'), row('alpha'), row('beta', true), row('charlie')];
    expect(names(keepOrder(shown, items, same))).toEqual(['beta', 'alpha', 'charlie', 'delta']);
    expect(names(keepOrder(shown, items, same))).toEqual(names(sortedRows([...items], same)));
  });

  it('sorts everything by the rule when nothing was shown yet', () => {
    expect(names(keepOrder([], [row('b'), row('a'), row('c', true)], same))).toEqual(['c', 'a', 'b']);
  });
});
