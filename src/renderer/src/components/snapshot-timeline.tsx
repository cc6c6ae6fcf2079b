import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import type { TimelineSnapshot } from '../../../shared/snapshot-results.js';
import type { AuditEntryInfo } from '../../../shared/results.js';
import { useServices } from '../app-context.js';
import { absoluteTime, relativeTime } from '../view-model/local-time.js';
import { auditText, changesText, kindText, retentionText, sizeText, type RetentionPolicy } from '../view-model/snapshot-text.js';
import { useMinuteClock } from './use-minute-clock.js';
import { useListKeys } from './use-list-keys.js';
import { timelineLayout, type TimelineItem, type TimelineRow } from '../view-model/timeline-rows.js';

/** Rows drawn beyond the visible ones, above and below. */
const OVERSCAN = 8;

/**
 * The snapshots of the collection, newest first, grouped by local day, with rollbacks and merges
 * between them when shown. Virtualized: only the rows on screen exist in the page, each of a height
 * known before it is drawn; the pages they need are read as they come into view. Arrow keys move
 * between snapshots. `scrollOffset` keeps the position while the list is away (a comparison is open).
 */
export function SnapshotTimeline({ scrollOffset }: { scrollOffset: { current: number } }) {
  const { stores, actions } = useServices();
  const total = useStore(stores.snapshots, (s) => s.total);
  const snapshots = useStore(stores.snapshots, (s) => s.snapshots);
  const audit = useStore(stores.snapshots, (s) => s.audit);
  const showAudit = useStore(stores.snapshots, (s) => s.showAudit);
  const status = useStore(stores.snapshots, (s) => s.status);
  const selectedId = useStore(stores.snapshots, (s) => s.selected?.id ?? null);
  const policy = useStore(stores.snapshots, (s) => s.retentionPolicy);
  const now = useMinuteClock();
  const layout = useMemo(() => timelineLayout({ total, snapshots, events: showAudit ? audit : [], now }), [total, snapshots, audit, showAudit, now]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: layout.count,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => layout.height(index),
    overscan: OVERSCAN,
    useFlushSync: false,
    initialOffset: () => scrollOffset.current,
    onChange: (instance) => {
      scrollOffset.current = instance.scrollOffset ?? 0;
    },
  });
  // Heights come from the layout: when a page or the audit entries arrive, lay the list out again.
  useEffect(() => virtualizer.measure(), [virtualizer, layout]);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    actions.showTimelineRange(first, last);
  }, [actions, first, last, status, total]);

  // For the timeline's benchmark: the first time rows of snapshots are on screen.
  const rendered = useRef(false);
  const showsSnapshots = items.some((virtual) => layout.row(virtual.index).items.some((item) => item.kind === 'snapshot'));
  useEffect(() => {
    if (rendered.current || !showsSnapshots) return;
    rendered.current = true;
    performance.mark('skillmeat:timeline-rendered');
  }, [showsSnapshots]);

  const onKeyDown = useListKeys(scroller, 'snapshotIndex', total, (index) => virtualizer.scrollToIndex(index, { align: 'auto' }));

  return (
    <div ref={scroller} className="timeline-scroller" onKeyDown={onKeyDown}>
      <ul className="timeline" aria-label="Snapshots" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((virtual) => {
          const row = layout.row(virtual.index);
          return (
            <li key={virtual.index} className="timeline-row" aria-setsize={total} aria-posinset={virtual.index + 1} style={{ height: virtual.size, transform: `translateY(${virtual.start}px)` }}>
              <Row row={row} selectedId={selectedId} policy={policy} now={now} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** One row: the day headings and audit entries that fall before its snapshot, then the snapshot. */
const Row = memo(function Row({ row, selectedId, policy, now }: { row: TimelineRow; selectedId: string | null; policy: RetentionPolicy | null; now: Date }) {
  return (
    <>
      {row.items.map((item) => (
        <Item key={itemKey(item)} item={item} selected={item.kind === 'snapshot' && item.snapshot.id === selectedId} policy={policy} now={now} />
      ))}
    </>
  );
});

function itemKey(item: TimelineItem): string {
  switch (item.kind) {
    case 'day':
      return `day:${item.key}`;
    case 'event':
      return `event:${item.entry.id}`;
    case 'snapshot':
      return `snapshot:${item.snapshot.id}`;
    case 'pending':
      return `pending:${item.index}`;
  }
}

function Item({ item, selected, policy, now }: { item: TimelineItem; selected: boolean; policy: RetentionPolicy | null; now: Date }) {
  switch (item.kind) {
    case 'day':
      return <h3 className="timeline-day">{item.label}</h3>;
    case 'event':
      return <AuditItem entry={item.entry} now={now} />;
    case 'snapshot':
      return <SnapshotItem snapshot={item.snapshot} index={item.index} selected={selected} policy={policy} now={now} />;
    case 'pending':
      return (
        <div className="timeline-entry timeline-pending" aria-busy="true">
          <span className="muted">Reading…</span>
        </div>
      );
  }
}

function SnapshotItem({ snapshot, index, selected, policy, now }: { snapshot: TimelineSnapshot; index: number; selected: boolean; policy: RetentionPolicy | null; now: Date }) {
  const { actions } = useServices();
  const kind = kindText(snapshot);
  const changes = changesText(snapshot.changes);
  const retention = retentionText(snapshot.retention, policy);
  const when = relativeTime(snapshot.timestamp, now);
  const message = snapshot.message.trim() === '' ? '(no message)' : snapshot.message;
  return (
    <button
      type="button"
      className={`timeline-entry kind-${snapshot.kind}`}
      data-snapshot-index={index}
      aria-pressed={selected}
      aria-label={`${message}, ${snapshot.id}, ${kind}, ${when}${snapshot.pinned ? ', pinned' : ''}`}
      onClick={() => void actions.selectSnapshot(snapshot)}
    >
      <span className="entry-line">
        <span className={`chip kind-chip kind-chip-${snapshot.kind}`}>{kind}</span>
        <span className="entry-message" title={snapshot.message}>
          {message}
        </span>
        {snapshot.pinned ? (
          <span className="entry-pin" title="Pinned: retention never thins it" aria-hidden="true">
            📌
          </span>
        ) : null}
        <time className="entry-time muted" dateTime={snapshot.timestamp} title={absoluteTime(snapshot.timestamp)}>
          {when}
        </time>
      </span>
      <span className="entry-line entry-meta muted">
        <code className="entry-id">{snapshot.id}</code>
        <span>
          {snapshot.artifact_count} artifact{snapshot.artifact_count === 1 ? '' : 's'}
        </span>
        <span>{sizeText(snapshot.size_bytes)}</span>
        <span className="entry-changes" title={changes.names === '' ? changes.label : changes.names}>
          {changes.counts === null || changes.short === 'no changes' ? (
            changes.short
          ) : (
            <>
              {changes.counts.added > 0 ? <span className="change-added">+{changes.counts.added}</span> : null}
              {changes.counts.modified > 0 ? <span className="change-modified">~{changes.counts.modified}</span> : null}
              {changes.counts.removed > 0 ? <span className="change-removed">−{changes.counts.removed}</span> : null}
            </>
          )}
        </span>
        <span className="entry-retention" title={retention.long}>
          {retention.short}
        </span>
      </span>
    </button>
  );
}

function AuditItem({ entry, now }: { entry: AuditEntryInfo; now: Date }) {
  const text = auditText(entry);
  return (
    <div className={`timeline-event${entry.success ? '' : ' failed'}`}>
      <span className="event-mark" aria-hidden="true">
        {entry.operation_type === 'merge' ? '⇄' : '↺'}
      </span>
      <span className="event-title" title={text.title}>
        {text.title}
      </span>
      <span className="event-detail muted">{text.detail}</span>
      <time className="entry-time muted" dateTime={entry.timestamp} title={absoluteTime(entry.timestamp)}>
        {relativeTime(entry.timestamp, now)}
      </time>
    </div>
  );
}
