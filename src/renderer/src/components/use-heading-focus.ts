import { useEffect, useRef } from 'react';

/** A ref for a view's heading (give it `tabIndex={-1}`), focused when the view opens: a route change moves the focus to the new view. */
export function useHeadingFocus<E extends HTMLElement>() {
  const heading = useRef<E>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return heading;
}
