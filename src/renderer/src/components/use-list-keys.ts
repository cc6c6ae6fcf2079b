import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react';

/**
 * Arrow keys (and Home / End) between the entries of a virtualized list: each entry is a button
 * carrying its index in `data-<attribute>`; the key scrolls the next one into view first (it may
 * not exist yet) and focuses it once it is rendered. Returns the list's keydown handler.
 */
export function useListKeys(
  scroller: RefObject<HTMLElement | null>,
  attribute: 'snapshotIndex' | 'rowIndex',
  total: number,
  scrollToIndex: (index: number) => void,
): (event: KeyboardEvent<HTMLElement>) => void {
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const dataAttribute = attribute.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  useEffect(() => {
    if (focusIndex === null) return;
    const button = scroller.current?.querySelector<HTMLButtonElement>(`[data-${dataAttribute}="${focusIndex}"]`);
    if (button) {
      button.focus();
      setFocusIndex(null);
    }
  });
  return (event) => {
    const from = Number((event.target as HTMLElement).dataset[attribute]);
    if (Number.isNaN(from)) return;
    const to = event.key === 'ArrowDown' ? from + 1 : event.key === 'ArrowUp' ? from - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? total - 1 : null;
    if (to === null || to < 0 || to >= total) return;
    event.preventDefault();
    scrollToIndex(to);
    setFocusIndex(to);
  };
}
