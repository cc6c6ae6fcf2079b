/**
 * The one ordering rule of every list: what needs action first, then by name. A list on screen
 * keeps the places of its rows while the user works in it (an action, a live drift event), so a
 * second click on the same spot never reaches a different row; it is sorted afresh when the view
 * opens again or the user asks for a refresh.
 */

import { compareNames } from './name-collation.js';

/** What the rule reads of a row. `key` tells apart rows of equal name (a skill and a command "review"). */
export interface OrderedRow {
  readonly key: string;
  readonly name: string;
  readonly needsAction: boolean;
}

/** Needs action before not, then name (case-insensitive, numbers by value), then key. */
export function compareRows(a: OrderedRow, b: OrderedRow): number {
  return Number(b.needsAction) - Number(a.needsAction) || compareNames(a.name, b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** The items sorted by the rule. */
export function sortedRows<T>(items: readonly T[], describe: (item: T) => OrderedRow): readonly T[] {
  return byRule(items.map((item) => ({ item, row: describe(item) }))).map((d) => d.item);
}

/** An item with its row, read once: a sort compares each item many times, and reading a row may cost. */
interface Described<T> {
  readonly item: T;
  readonly row: OrderedRow;
}

function byRule<T>(described: Described<T>[]): Described<T>[] {
  return described.sort((a, b) => compareRows(a.row, b.row));
}

/**
 * The items in the order they were last shown (`shown`, their keys): rows still there keep their
 * relative places, rows gone drop out, and each new row is placed by the rule before the first
 * row the rule puts after it, so a sorted list stays sorted as rows arrive.
 */
export function keepOrder<T>(shown: readonly string[], items: readonly T[], describe: (item: T) => OrderedRow): readonly T[] {
  const described = items.map((item) => ({ item, row: describe(item) }));
  const place = new Map(shown.map((key, index) => [key, index]));
  const kept = described.filter((d) => place.has(d.row.key)).sort((a, b) => place.get(a.row.key)! - place.get(b.row.key)!);
  const fresh = byRule(described.filter((d) => !place.has(d.row.key)));
  // Nothing on screen yet (a view just opened): the rule's order is the order.
  if (kept.length === 0) return fresh.map((d) => d.item);
  const ordered = kept;
  for (const d of fresh) {
    const before = ordered.findIndex((other) => compareRows(other.row, d.row) > 0);
    ordered.splice(before === -1 ? ordered.length : before, 0, d);
  }
  return ordered.map((d) => d.item);
}
