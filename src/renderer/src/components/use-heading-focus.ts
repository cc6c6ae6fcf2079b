import { useEffect, useRef } from 'react';

// The page's first view leaves the focus where the browser put it: nothing moved it yet, and
// focusing forces a style and layout pass of the whole page while its first rows are on their way.
let aViewHasOpened = false;

/** Focuses a view's heading as the view opens — except the first view of the page (see above). */
export function focusOpenedView(heading: HTMLElement | null): void {
  if (aViewHasOpened) heading?.focus();
  aViewHasOpened = true;
}

/** A ref for a view's heading (give it `tabIndex={-1}`), focused when the view opens: a route change moves the focus to the new view. */
export function useHeadingFocus<E extends HTMLElement>() {
  const heading = useRef<E>(null);
  useEffect(() => focusOpenedView(heading.current), []);
  return heading;
}
