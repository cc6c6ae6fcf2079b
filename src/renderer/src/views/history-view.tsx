import { useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ArtifactType } from '../../../shared/artifact-types.js';
import { useServices } from '../app-context.js';
import { HistoryActionDialog } from '../components/history-action-dialog.js';
import { HistoryList } from '../components/history-list.js';
import { VersionChanges } from '../components/version-changes.js';
import { VersionDetails } from '../components/version-details.js';
import { focusOpenedView } from '../components/use-heading-focus.js';
import { navigate } from '../routing/use-route.js';
import { isFiltered, NO_FILTER } from '../state/history-store.js';
import { laneColour } from '../view-model/history-cell.js';
import { countText, originWord, placeName } from '../view-model/history-text.js';

/**
 * The version history of one artifact (issue 12): its DAG drawn as lanes, a lane per place (the
 * collection, each project), beside the list of versions; the selected version's changes against
 * its first parent (or two versions compared), where it is now, and restore / make collection copy.
 */
export function HistoryView({ name, type }: { name: string; type: ArtifactType | undefined }) {
  const { stores, actions } = useServices();
  const status = useStore(stores.history, (s) => s.status);
  const error = useStore(stores.history, (s) => s.error);
  const resolved = useStore(stores.history, (s) => s.resolved);
  const total = useStore(stores.history, (s) => s.total);
  const stored = useStore(stores.history, (s) => s.versionsStored);
  const filter = useStore(stores.history, (s) => s.filter);
  const selected = useStore(stores.history, (s) => s.selected);
  const changes = useStore(stores.history, (s) => s.changes);
  const action = useStore(stores.history, (s) => s.action);
  const notice = useStore(stores.history, (s) => s.notice);
  const heading = useRef<HTMLHeadingElement>(null);
  const scrollOffset = useRef(0);

  useEffect(() => {
    focusOpenedView(heading.current);
    scrollOffset.current = 0;
    performance.mark('skillmeat:history-open');
    void actions.openHistory(name, type);
  }, [actions, name, type]);

  const title = resolved === null ? name : `${resolved.name}`;
  return (
    <section className="view history-view" aria-labelledby="history-title">
      <header className="view-header">
        <div>
          <p className="breadcrumb">
            <a href="#/collection">Collection</a> /
          </p>
          <h1 id="history-title" ref={heading} tabIndex={-1}>
            History of {title}
          </h1>
          <p className="muted view-subtitle">{resolved === null ? '' : `${resolved.type} · collection ${resolved.collection} · ${countText(total, stored, isFiltered(filter))}`}</p>
        </div>
      </header>

      {notice !== null ? (
        <div className={`notice notice-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <span>{notice.message}</span>
          <button type="button" className="link" aria-label="Dismiss notice" onClick={() => actions.dismissHistoryNotice()}>
            ×
          </button>
        </div>
      ) : null}

      {status === 'not_found' ? (
        <div className="card" role="alert">
          <p>
            There is no artifact {type === undefined ? '' : `${type} `}named “{name}” in the collection. {error}
          </p>
          <button type="button" onClick={() => navigate({ view: 'collection' })}>
            Back to the collection
          </button>
        </div>
      ) : status === 'failed' ? (
        <p className="task task-error" role="alert">
          The history could not be read: {error}
        </p>
      ) : (
        <>
          <Places />
          <HistoryFilters />
          {status !== 'ready' ? (
            <p className="muted" role="status">
              Reading the history…
            </p>
          ) : null}
          <div className="snapshots-body history-body">
            <div className="timeline-pane" aria-label="History">
              {status === 'ready' && total === 0 ? <p className="empty">{isFiltered(filter) ? 'No version matches the filters.' : 'No version is recorded yet.'}</p> : null}
              {status === 'ready' ? <HistoryList scrollOffset={scrollOffset} /> : null}
            </div>
            <div className="history-side">
              {selected !== null ? <VersionDetails row={selected} /> : <p className="empty snapshot-details-empty">Select a version to see its changes, where it is now, and to restore it.</p>}
              {changes !== null ? <VersionChanges changes={changes} /> : null}
            </div>
          </div>
        </>
      )}
      {action !== null ? <HistoryActionDialog action={action} /> : null}
    </section>
  );
}

/** The places the artifact lives in, each in its lane colour, with the version it is at and a waiting merge. */
function Places() {
  const { stores } = useServices();
  const places = useStore(stores.history, (s) => s.places);
  const resolved = useStore(stores.history, (s) => s.resolved);
  const live = places.map((place, index) => ({ place, index })).filter(({ place }) => place.live);
  if (live.length === 0 || resolved === null) return null;
  return (
    <ul className="history-places" aria-label="Places">
      {live.map(({ place, index }) => (
        <li key={place.place} title={place.where}>
          <span className="lane-swatch" style={{ background: laneColour(index) }} aria-hidden="true" />
          <span>{placeName(place)}</span>
          <span className="muted">{place.current === null ? 'no version stored' : `at ${place.current.slice(-12)}`}</span>
          {place.pending_merge ? (
            <button
              type="button"
              aria-label={`Merge… ${placeName(place)}`}
              onClick={() => navigate({ view: 'merge', project: place.kind === 'project' ? place.where : '', artifact: resolved.name, type: resolved.type })}
            >
              Merge…
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Filters by place and origin, and search by hash prefix. */
function HistoryFilters() {
  const { stores, actions } = useServices();
  const filter = useStore(stores.history, (s) => s.filter);
  const places = useStore(stores.history, (s) => s.places);
  const origins = useStore(stores.history, (s) => s.origins);
  const [hash, setHash] = useState(filter.hash);
  const placeId = useId();
  const originId = useId();
  const hashId = useId();
  // The hash search applies as the user types, once the text is hex (a typo is said, not sent).
  const validHash = /^[0-9a-fA-F]*$/.test(hash.trim());
  useEffect(() => {
    if (!validHash || hash.trim() === filter.hash) return;
    void actions.setHistoryFilter({ ...filter, hash: hash.trim() });
  }, [hash, validHash, filter, actions]);
  return (
    <div className="timeline-filters" role="group" aria-label="Filters">
      <label htmlFor={placeId} className="artifact-filter">
        Place
        <select id={placeId} value={filter.place ?? ''} onChange={(e) => void actions.setHistoryFilter({ ...filter, place: e.target.value === '' ? null : e.target.value })}>
          <option value="">every place</option>
          {places.map((p) => (
            <option key={p.place} value={p.place}>
              {placeName(p)}
              {p.live ? '' : ' (gone)'}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={originId} className="artifact-filter">
        Origin
        <select id={originId} value={filter.origin ?? ''} onChange={(e) => void actions.setHistoryFilter({ ...filter, origin: e.target.value === '' ? null : e.target.value })}>
          <option value="">any origin</option>
          {origins.map((o) => (
            <option key={o} value={o}>
              {originWord(o)}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={hashId} className="artifact-filter">
        Hash
        <input id={hashId} type="search" value={hash} placeholder="starts with…" maxLength={64} spellCheck={false} autoComplete="off" aria-invalid={!validHash} onChange={(e) => setHash(e.target.value)} />
      </label>
      {!validHash ? <span className="task-error">A hash has only 0-9 and a-f.</span> : null}
      {isFiltered(filter) ? (
        <button
          type="button"
          className="link"
          onClick={() => {
            setHash('');
            void actions.setHistoryFilter(NO_FILTER);
          }}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
