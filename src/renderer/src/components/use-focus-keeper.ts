import { useLayoutEffect, useRef, type FocusEvent, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * Keeps the keyboard focus in a list whose rows come and go: when the row holding the focus goes
 * away (an artifact removed), the row now in its place — else the last one — takes it, on its
 * first control. A focus the user moved elsewhere is left alone. Spread `onFocus` on the list.
 */
export function useFocusKeeper<E extends HTMLElement>(): { ref: RefObject<E | null>; onFocus: (event: FocusEvent<E>) => void } {
  const ref = useRef<E>(null);
  const last = useRef<{ element: Element; index: number } | null>(null);

  // Runs after every render of the list: a removed row has just left the DOM.
  useLayoutEffect(() => {
    const list = ref.current;
    const focused = last.current;
    if (list === null || focused === null || focused.element.isConnected) return;
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    const rows = [...list.children];
    const row = rows[Math.min(focused.index, rows.length - 1)];
    last.current = null;
    const target = row?.querySelector<HTMLElement>(FOCUSABLE) ?? null;
    target?.focus();
  });

  return {
    ref,
    onFocus: (event) => {
      const list = ref.current;
      if (list === null) return;
      const index = [...list.children].findIndex((row) => row.contains(event.target));
      if (index !== -1) last.current = { element: event.target, index };
    },
  };
}
