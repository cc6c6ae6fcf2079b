import { useSyncExternalStore } from 'react';
import { absoluteTime, warmAbsoluteTime } from '../view-model/local-time.js';

// The tooltip's full local time needs Intl.DateTimeFormat with the zone's name, whose ICU data costs
// Chromium tens of milliseconds to load the first time; no row should wait for it. Times show their
// relative words at once, and their tooltips a frame later, when the formatter has been made once
// for the whole page.
let ready = false;
let requested = false;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!requested) {
    requested = true;
    afterNextPaint(() => {
      warmAbsoluteTime();
      ready = true;
      for (const notify of listeners) notify();
    });
  }
  return () => listeners.delete(listener);
}

/** Runs `work` once the frame being drawn now has been painted. */
function afterNextPaint(work: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(work, 0));
  else setTimeout(work, 0);
}

/** The full local date and time of `iso` for a tooltip, or undefined in the first frame of the page. */
export function useAbsoluteTime(iso: string | null): string | undefined {
  const isReady = useSyncExternalStore(subscribe, () => ready);
  return isReady && iso !== null ? absoluteTime(iso) : undefined;
}
