/**
 * The timeline as rows for a virtualized list. Row `i` is snapshot `i` (newest first, as the core
 * pages them), so loading a page never moves a row: the local-day headings and the audit entries
 * (rollbacks and merges) that fall just before a snapshot ride in its row, above it. Each item has
 * a fixed height, so every row's height is known before it is drawn and the list never jumps.
 *
 * The layout is rebuilt whenever a page arrives, so it does little up front (one height per row,
 * no objects); a row's items are built only when the row is drawn.
 */
import type { TimelineSnapshot } from '../../../shared/snapshot-results.js';
import type { AuditEntryInfo } from '../../../shared/results.js';
import { dayLabel, localDayKey } from './local-time.js';

/** Heights in pixels; app.css gives `.timeline-day`, `.timeline-event` and `.timeline-entry` exactly these. */
export const ROW_HEIGHTS = { day: 30, event: 40, snapshot: 70 } as const;

export type TimelineItem =
  | { readonly kind: 'day'; readonly key: string; readonly label: string }
  | { readonly kind: 'event'; readonly entry: AuditEntryInfo }
  | { readonly kind: 'snapshot'; readonly snapshot: TimelineSnapshot; readonly index: number }
  /** A snapshot whose page has not arrived yet. */
  | { readonly kind: 'pending'; readonly index: number };

export interface TimelineRow {
  readonly items: readonly TimelineItem[];
  readonly height: number;
}

export interface TimelineInput {
  /** Snapshots that pass the filters, all pages. */
  readonly total: number;
  /** By index; a hole is a snapshot not loaded yet. */
  readonly snapshots: readonly (TimelineSnapshot | undefined)[];
  /** Audit entries to show on the same axis, newest first (empty when they are hidden). */
  readonly events: readonly AuditEntryInfo[];
  readonly now: Date;
}

export interface TimelineLayout {
  /** Rows: one per snapshot (one for the audit entries alone when no snapshot passes the filters). */
  readonly count: number;
  height(index: number): number;
  /** The items of a row, built on demand and kept while the layout lives. */
  row(index: number): TimelineRow;
}

/**
 * The rows of the timeline. An audit entry goes into the row of the newest snapshot no newer than
 * it (entries older than every snapshot go after the last one); a day heading goes before the first
 * item of each local day. Where the snapshot before is not loaded, what lies between is unknown: no
 * heading and no entries are placed there until it is.
 */
export function timelineLayout({ total, snapshots, events, now }: TimelineInput): TimelineLayout {
  const count = total === 0 && events.length > 0 ? 1 : total;
  const eventTimes = events.map(timeOf);
  /** The first event (newest first) older than `time`. */
  const firstOlderThan = (time: number) => {
    let lo = 0;
    let hi = eventTimes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (eventTimes[mid]! >= time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** Where a row's entries start and end among the events, and where the entries after its snapshot end. */
  const eventsOf = (index: number): { from: number; to: number; after: number } => {
    if (total === 0) return { from: 0, to: 0, after: events.length };
    const snapshot = snapshots[index];
    if (snapshot === undefined || events.length === 0) return { from: 0, to: 0, after: 0 };
    const previous = index === 0 ? null : snapshots[index - 1];
    const to = firstOlderThan(timeOf(snapshot));
    const from = previous === null ? 0 : previous === undefined ? to : firstOlderThan(timeOf(previous));
    return { from, to, after: index === total - 1 ? events.length : to };
  };
  /** The day of the item just above row `index`: null at the top, undefined when not loaded. */
  const dayAbove = (index: number): string | null | undefined => {
    if (index === 0) return null;
    const previous = snapshots[index - 1];
    return previous === undefined ? undefined : dayOf(previous);
  };

  const labels = new Map<string, string>();
  const labelOf = (dated: Dated, day: string) => {
    let label = labels.get(day);
    if (label === undefined) labels.set(day, (label = dayLabel(dated.timestamp, now)));
    return label;
  };

  const heights = new Array<number>(count);
  for (let index = 0; index < count; index++) {
    const snapshot = snapshots[index];
    const range = events.length === 0 ? NO_EVENTS : eventsOf(index);
    if (snapshot !== undefined && range.from === range.to && range.after === range.to) {
      const above = dayAbove(index);
      heights[index] = ROW_HEIGHTS.snapshot + (above !== undefined && above !== dayOf(snapshot) ? ROW_HEIGHTS.day : 0);
    } else {
      heights[index] = snapshot === undefined && total > 0 ? ROW_HEIGHTS.snapshot : buildRow(index).height;
    }
  }

  function buildRow(index: number): TimelineRow {
    const items: TimelineItem[] = [];
    const snapshot = snapshots[index];
    if (snapshot === undefined && total > 0) return { items: [{ kind: 'pending', index }], height: ROW_HEIGHTS.snapshot };
    let previousDay = total === 0 ? null : dayAbove(index);
    const withDay = (dated: Dated) => {
      const day = dayOf(dated);
      if (previousDay !== undefined && day !== previousDay) items.push({ kind: 'day', key: day, label: labelOf(dated, day) });
      previousDay = day;
    };
    const range = eventsOf(index);
    for (let e = range.from; e < range.to; e++) {
      withDay(events[e]!);
      items.push({ kind: 'event', entry: events[e]! });
    }
    if (snapshot !== undefined) {
      withDay(snapshot);
      items.push({ kind: 'snapshot', snapshot, index });
    }
    for (let e = range.to; e < range.after; e++) {
      withDay(events[e]!);
      items.push({ kind: 'event', entry: events[e]! });
    }
    return { items, height: heightOf(items) };
  }

  const built = new Map<number, TimelineRow>();
  return {
    count,
    height: (index) => heights[index] ?? ROW_HEIGHTS.snapshot,
    row(index) {
      let row = built.get(index);
      if (row === undefined) built.set(index, (row = buildRow(index)));
      return row;
    },
  };
}

const NO_EVENTS = { from: 0, to: 0, after: 0 } as const;

type Dated = { readonly timestamp: string };

/**
 * The local day and the instant of each snapshot and entry, worked out once per object: the layout
 * is rebuilt whenever a page arrives, and parsing 10,000 times each time would show while scrolling.
 */
const days = new WeakMap<Dated, string>();
const instants = new WeakMap<Dated, number>();

function dayOf(dated: Dated): string {
  let day = days.get(dated);
  if (day === undefined) days.set(dated, (day = localDayKey(dated.timestamp)));
  return day;
}

/** Times compared as instants: RFC 3339 strings with and without fractions do not sort as text. */
function timeOf(dated: Dated): number {
  let instant = instants.get(dated);
  if (instant === undefined) instants.set(dated, (instant = Date.parse(dated.timestamp)));
  return instant;
}

function heightOf(items: readonly TimelineItem[]): number {
  let height = 0;
  for (const item of items) height += item.kind === 'day' ? ROW_HEIGHTS.day : item.kind === 'event' ? ROW_HEIGHTS.event : ROW_HEIGHTS.snapshot;
  return height;
}

/** The page of `size` snapshots holding `index`. */
export function pageOf(index: number, size: number): number {
  return Math.floor(index / size);
}

/** The pages a visible range of rows needs (with one page of margin below, read ahead while scrolling). */
export function pagesFor(first: number, last: number, size: number, total: number): number[] {
  if (total === 0) return [0];
  const end = Math.min(total - 1, last + size);
  const pages: number[] = [];
  for (let page = pageOf(Math.max(0, first), size); page <= pageOf(end, size); page++) pages.push(page);
  return pages;
}
