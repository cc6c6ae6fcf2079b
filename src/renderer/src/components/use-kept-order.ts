import { useMemo, useRef } from 'react';
import { keepOrder, type OrderedRow } from '../view-model/list-order.js';

/**
 * The items in the one ordering rule's order, keeping the places of rows already on screen
 * (`keepOrder`) for as long as this component lives and `epoch` stays the same: a new view, or a
 * refresh the user asked for (a new epoch), sorts afresh.
 */
export function useKeptOrder<T>(items: readonly T[], describe: (item: T) => OrderedRow, epoch: unknown = 0): readonly T[] {
  const shown = useRef<{ epoch: unknown; keys: readonly string[] }>({ epoch, keys: [] });
  return useMemo(() => {
    const previous = shown.current.epoch === epoch ? shown.current.keys : [];
    const ordered = keepOrder(previous, items, describe);
    shown.current = { epoch, keys: ordered.map((item) => describe(item).key) };
    return ordered;
    // `describe` is a pure reading of an item: only the items and the epoch change the order.
  }, [items, epoch]);
}
