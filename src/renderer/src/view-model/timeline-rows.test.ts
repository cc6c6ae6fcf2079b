import { describe, expect, it } from 'vitest';
import { pagesFor, ROW_HEIGHTS, timelineLayout, type TimelineInput, type TimelineItem, type TimelineRow } from './timeline-rows.js';
import { auditEntry, timelineSnapshot } from './snapshot-test-data.js';

const local = (d: number, h: number, min = 0) => new Date(2026, 2, d, h, min).toISOString();
const NOW = new Date(2026, 2, 18, 18, 0);

/** Every row of the layout, with the height the list is told beside the one its items add up to. */
function timelineRows(input: TimelineInput): (TimelineRow & { told: number })[] {
  const layout = timelineLayout(input);
  return Array.from({ length: layout.count }, (_, i) => ({ ...layout.row(i), told: layout.height(i) }));
}

/** Each row as a line of its items: "[Today] s1", "[Yesterday] (r1) s2", "…" for a pending one. */
function sketch(rows: readonly TimelineRow[]): string[] {
  const word = (item: TimelineItem) => (item.kind === 'day' ? `[${item.label}]` : item.kind === 'event' ? `(${item.entry.id})` : item.kind === 'snapshot' ? item.snapshot.id : '…');
  return rows.map((row) => row.items.map(word).join(' '));
}

describe('the timeline rows', () => {
  it('puts a local-day heading before the first snapshot of each day, newest first', () => {
    const snapshots = [timelineSnapshot('s1', local(18, 10)), timelineSnapshot('s2', local(18, 9)), timelineSnapshot('s3', local(17, 22)), timelineSnapshot('s4', local(2, 8))];
    expect(sketch(timelineRows({ total: 4, snapshots, events: [], now: NOW }))).toEqual(['[Today] s1', 's2', '[Yesterday] s3', '[Monday, March 2, 2026] s4']);
  });

  it('places a rollback between the snapshots it happened between, under its own day', () => {
    const snapshots = [timelineSnapshot('s1', local(18, 10)), timelineSnapshot('s2', local(17, 9))];
    const events = [auditEntry('r2', local(18, 11)), auditEntry('r1', local(17, 12))];
    expect(sketch(timelineRows({ total: 2, snapshots, events, now: NOW }))).toEqual(['[Today] (r2) s1', '[Yesterday] (r1) s2']);
  });

  it('puts entries older than every snapshot after the last one', () => {
    const rows = timelineRows({ total: 1, snapshots: [timelineSnapshot('s1', local(18, 10))], events: [auditEntry('m1', local(18, 8))], now: NOW });
    expect(sketch(rows)).toEqual(['[Today] s1 (m1)']);
  });

  it('keeps one row per snapshot while pages are missing, and places nothing it cannot know', () => {
    const snapshots = [timelineSnapshot('s1', local(18, 10)), undefined, timelineSnapshot('s3', local(17, 10)), timelineSnapshot('s4', local(16, 10))];
    const events = [auditEntry('r1', local(17, 12))];
    expect(sketch(timelineRows({ total: 5, snapshots, events, now: NOW }))).toEqual(['[Today] s1', '…', 's3', '[Monday, March 16, 2026] s4', '…']);
  });

  it('sizes each row from its items, so the list knows every height before drawing it', () => {
    const snapshots = [timelineSnapshot('s1', local(18, 10)), timelineSnapshot('s2', local(18, 9)), timelineSnapshot('s3', local(17, 9)), undefined, timelineSnapshot('s5', local(2, 9))];
    const rows = timelineRows({ total: 5, snapshots, events: [auditEntry('r1', local(18, 9, 30)), auditEntry('r0', local(1, 9))], now: NOW });
    expect(rows.map((r) => r.height)).toEqual([
      ROW_HEIGHTS.day + ROW_HEIGHTS.snapshot,
      ROW_HEIGHTS.event + ROW_HEIGHTS.snapshot,
      ROW_HEIGHTS.day + ROW_HEIGHTS.snapshot,
      ROW_HEIGHTS.snapshot,
      ROW_HEIGHTS.snapshot + ROW_HEIGHTS.day + ROW_HEIGHTS.event,
    ]);
    // The heights the list is told up front are the ones the drawn rows have.
    expect(rows.map((r) => r.told)).toEqual(rows.map((r) => r.height));
  });

  it('orders entries by instant, whatever the spelling of their times', () => {
    const snapshots = [timelineSnapshot('s1', '2026-03-18T10:00:00Z'), timelineSnapshot('s2', '2026-03-18T09:00:00Z')];
    const rows = timelineRows({ total: 2, snapshots, events: [auditEntry('r1', '2026-03-18T10:00:00.500Z')], now: new Date('2026-03-18T12:00:00Z') });
    expect(rows[0]?.items.filter((i) => i.kind !== 'day').map((i) => i.kind)).toEqual(['event', 'snapshot']);
  });

  it('shows audit entries alone when no snapshot passes the filters', () => {
    expect(sketch(timelineRows({ total: 0, snapshots: [], events: [auditEntry('r1', local(18, 12))], now: NOW }))).toEqual(['[Today] (r1)']);
  });
});

describe('the pages a visible range needs', () => {
  it('reads the visible pages and one page ahead', () => {
    expect(pagesFor(0, 12, 100, 10_000)).toEqual([0, 1]);
    expect(pagesFor(250, 262, 100, 10_000)).toEqual([2, 3]);
  });

  it('stops at the last page', () => {
    expect(pagesFor(9_990, 9_999, 100, 10_000)).toEqual([99]);
    expect(pagesFor(0, 0, 100, 0)).toEqual([0]);
  });
});
