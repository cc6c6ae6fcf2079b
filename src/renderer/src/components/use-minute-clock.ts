import { useSyncExternalStore } from 'react';

// One timer for the whole page, however many times are on screen (a list may show hundreds).
let now = new Date();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = new Date();
    timer = setInterval(() => {
      now = new Date();
      for (const notify of listeners) notify();
    }, 60_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The time now, renewed every minute so relative times ("5 minutes ago") stay true. */
export function useMinuteClock(): Date {
  return useSyncExternalStore(subscribe, () => now);
}
