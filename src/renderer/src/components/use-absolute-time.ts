import { useSyncExternalStore } from 'react';
import { absoluteTime, warmAbsoluteTime } from '../view-model/local-time.js';

// The tooltip's full local time needs Intl.DateTimeFormat with the zone's name, whose ICU data costs
// a cold Chromium 40–90 ms to load; no row should wait for it. Times show their relative words at
// once, and their tooltips once the page is idle after its first paint, when the formatter has been
// made once for the whole page.
let ready = false;
let requested = false;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!requested) {
    requested = true;
    whenIdleAfterPaint(() => {
      warmAbsoluteTime();
      ready = true;
      for (const notify of listeners) notify();
    });
  }
  return () => listeners.delete(listener);
}

/** Runs `work` once the frame being drawn now has been painted and the page has nothing more urgent to do (within 2 s). */
function whenIdleAfterPaint(work: () => void): void {
  const whenIdle = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(work, { timeout: 2000 }) : setTimeout(work, 0));
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(whenIdle, 0));
  else whenIdle();
}

/** The full local date and time of `iso` for a tooltip, or undefined until the page first idles. */
export function useAbsoluteTime(iso: string | null): string | undefined {
  const isReady = useSyncExternalStore(subscribe, () => ready);
  return isReady && iso !== null ? absoluteTime(iso) : undefined;
}
