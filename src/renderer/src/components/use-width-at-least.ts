import { useEffect, useState, type RefObject } from 'react';

/** Below this width a two-pane diff is shown inline, one side above the other (the app works at 900 px). */
export const SIDE_BY_SIDE_MIN_WIDTH = 900;

/** True while the element is at least `width` pixels wide. */
export function useWidthAtLeast(element: RefObject<HTMLElement | null>, width: number): boolean {
  const [wide, setWide] = useState(true);
  useEffect(() => {
    const node = element.current;
    if (node === null) return;
    const observer = new ResizeObserver(([entry]) => setWide((entry?.contentRect.width ?? width) >= width));
    observer.observe(node);
    return () => observer.disconnect();
  }, [element, width]);
  return wide;
}
