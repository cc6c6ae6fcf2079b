import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { useStore } from 'zustand';
import type { HistoryEntry, HistoryPlace } from '../../../shared/history-results.js';
import { useServices } from '../app-context.js';
import { cellDrawing, laneColour, ROW_HEIGHT } from '../view-model/history-cell.js';
import { labelText, originWord, placeName, rowLabel } from '../view-model/history-text.js';
import { absoluteTime, relativeTime } from '../view-model/local-time.js';
import { useMinuteClock } from './use-minute-clock.js';
import { useListKeys } from './use-list-keys.js';

const OVERSCAN = 10;

/**
 * An artifact's versions, newest first, each row with its piece of the graph (lanes are places,
 * a colour each), short hash, origin, place and time. Virtualized: only the rows on screen exist;
 * the pages they need are read as they come into view. ↑/↓ move between versions, Enter opens one;
 * Shift- or Ctrl-click picks a second version to compare with the selected one.
 */
export function HistoryList({ scrollOffset }: { scrollOffset: { current: number } }) {
  const { stores, actions } = useServices();
  const total = useStore(stores.history, (s) => s.total);
  const rows = useStore(stores.history, (s) => s.rows);
  const lanes = useStore(stores.history, (s) => s.lanes);
  const places = useStore(stores.history, (s) => s.places);
  const selectedId = useStore(stores.history, (s) => s.selected?.id ?? null);
  const compareId = useStore(stores.history, (s) => s.compareWith?.id ?? null);
  const now = useMinuteClock();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    useFlushSync: false,
    initialOffset: () => scrollOffset.current,
    onChange: (instance) => {
      scrollOffset.current = instance.scrollOffset ?? 0;
    },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => actions.showHistoryRange(first, last), [actions, first, last, total]);

  // For the history benchmark: the first time version rows are on screen.
  const rendered = useRef(false);
  const showsRows = items.some((virtual) => rows[virtual.index] !== undefined);
  useEffect(() => {
    if (rendered.current || !showsRows) return;
    rendered.current = true;
    performance.mark('skillmeat:history-rendered');
  }, [showsRows]);

  const onKeyDown = useListKeys(scroller, 'rowIndex', total, (index) => virtualizer.scrollToIndex(index, { align: 'auto' }));

  // One function while the lanes and places stay: rows are memoized on it.
  const colourOf = useMemo(() => {
    const colours = lanes.map((lane) => laneColour(places.findIndex((p) => p.place === lane)));
    return (column: number) => colours[column] ?? laneColour(-1);
  }, [lanes, places]);
  return (
    <div ref={scroller} className="timeline-scroller history-scroller" onKeyDown={onKeyDown}>
      <ul className="timeline history-list" aria-label="Versions" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((virtual) => {
          const row = rows[virtual.index];
          return (
            <li key={virtual.index} className="timeline-row" aria-setsize={total} aria-posinset={virtual.index + 1} style={{ height: ROW_HEIGHT, transform: `translateY(${virtual.start}px)` }}>
              {row === undefined ? (
                <div className="history-entry history-pending" aria-busy="true">
                  <span className="muted">Reading…</span>
                </div>
              ) : (
                <Row row={row} index={virtual.index} laneCount={lanes.length} places={places} colourOf={colourOf} selected={row.id === selectedId} compared={row.id === compareId} now={now} />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

const Row = memo(function Row({
  row,
  index,
  laneCount,
  places,
  colourOf,
  selected,
  compared,
  now,
}: {
  row: HistoryEntry;
  index: number;
  laneCount: number;
  places: readonly HistoryPlace[];
  colourOf: (column: number) => string;
  selected: boolean;
  compared: boolean;
  now: Date;
}) {
  const { actions } = useServices();
  const place = places.find((p) => p.place === row.place);
  const when = row.created_at === null ? 'now' : relativeTime(row.created_at, now);
  const onClick = (event: MouseEvent<HTMLButtonElement>) => void actions.selectVersion(row, { compare: event.shiftKey || event.ctrlKey || event.metaKey });
  return (
    <button
      type="button"
      className={`history-entry${row.kind === 'working' ? ' working' : ''}${compared ? ' compared' : ''}`}
      data-row-index={index}
      data-version={row.id}
      aria-pressed={selected || compared}
      aria-label={rowLabel(row, places, when)}
      onClick={onClick}
    >
      <GraphCell row={row} laneCount={laneCount} colourOf={colourOf} />
      <code className="history-hash">{row.short}</code>
      <span className={`chip origin-chip origin-${row.origin}`}>{originWord(row.origin)}</span>
      {row.graph.merge ? (
        <span className="chip merge-chip" title="A merge: two parents">
          merge of 2
        </span>
      ) : null}
      <span className="history-place" title={place === undefined ? row.place : place.where}>
        {place === undefined ? row.place : placeName(place)}
      </span>
      {row.stored_as !== null ? (
        <span className="chip label-chip" title="The copy there is this stored version (a restore put it there)">
          = {row.stored_as.slice(-12)}
        </span>
      ) : null}
      {row.labels.map((label) => (
        <span key={label} className="chip label-chip" style={{ borderColor: laneColour(places.findIndex((p) => p.place === label)) }}>
          {labelText(label, places)}
        </span>
      ))}
      {row.created_at === null ? null : (
        <time className="entry-time muted" dateTime={row.created_at} title={absoluteTime(row.created_at)}>
          {when}
        </time>
      )}
    </button>
  );
});

/** The row's piece of the graph: lines in their lanes' colours, the node (hollow and dashed for a working copy, ringed for a merge). */
function GraphCell({ row, laneCount, colourOf }: { row: HistoryEntry; laneCount: number; colourOf: (column: number) => string }) {
  const drawing = cellDrawing(row.graph, laneCount);
  const colour = colourOf(drawing.node.column);
  const working = row.kind === 'working';
  return (
    <svg className="history-graph" width={drawing.width} height={ROW_HEIGHT} aria-hidden="true" focusable="false">
      {drawing.lines.map((line, i) => (
        <path key={i} d={line.d} stroke={colourOf(line.column)} strokeWidth={2} fill="none" strokeDasharray={working && line.column === drawing.node.column ? '3 3' : undefined} />
      ))}
      {row.graph.merge ? <circle cx={drawing.node.cx} cy={drawing.node.cy} r={7} fill="none" stroke={colour} strokeWidth={2} /> : null}
      <circle cx={drawing.node.cx} cy={drawing.node.cy} r={working ? 5 : 4} fill={working ? '#fff' : colour} stroke={colour} strokeWidth={2} strokeDasharray={working ? '2 2' : undefined} />
    </svg>
  );
}
