import { relativeTime } from '../view-model/local-time.js';
import { useAbsoluteTime } from './use-absolute-time.js';
import { useMinuteClock } from './use-minute-clock.js';

/**
 * A time as the app shows it everywhere: relative and local ("3 minutes ago"), the full local date
 * and time on hover (once the page first idles), the machine-readable time in `dateTime`. `never`
 * is shown for a missing time.
 */
export function LocalTime({ iso, never = 'never', className }: { iso: string | null; never?: string; className?: string }) {
  const now = useMinuteClock();
  const title = useAbsoluteTime(iso);
  if (iso === null) return <span className={className}>{never}</span>;
  return (
    <time className={className} dateTime={iso} title={title}>
      {relativeTime(iso, now)}
    </time>
  );
}
