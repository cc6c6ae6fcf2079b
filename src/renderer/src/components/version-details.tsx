import { useStore } from 'zustand';
import type { HistoryEntry } from '../../../shared/history-results.js';
import { useServices } from '../app-context.js';
import { navigate } from '../routing/use-route.js';
import { originWord, placeName, placeNameOf, whereaboutsGroups } from '../view-model/history-text.js';
import { absoluteTime } from '../view-model/local-time.js';

/**
 * The selected version: what it is, its parents, where it is now ("where is this version?"), and
 * what can be done with it — restore it into a project, make it the collection copy, compare it.
 * A working copy instead offers its changes ("Show changes").
 */
export function VersionDetails({ row }: { row: HistoryEntry }) {
  const { stores, actions } = useServices();
  const places = useStore(stores.history, (s) => s.places);
  const rows = useStore(stores.history, (s) => s.rows);
  const resolved = useStore(stores.history, (s) => s.resolved);
  const whereabouts = useStore(stores.history, (s) => s.whereabouts);
  const compareWith = useStore(stores.history, (s) => s.compareWith);
  const place = places.find((p) => p.place === row.place);
  const where = place === undefined ? row.place : placeName(place);
  const liveProjects = places.filter((p) => p.kind === 'project' && p.live);

  if (row.kind === 'working') {
    return (
      <section className="version-details" aria-labelledby="version-title">
        <h2 id="version-title">Working copy in {where}</h2>
        <p className="muted">
          The copy there now (<code>{row.short}</code>) is not what {where} last recorded{row.parents[0] === undefined ? '' : <> (<code>{row.parents[0].slice(-12)}</code>)</>}: its changes are below.
        </p>
        {place?.kind === 'project' && resolved !== null ? (
          <div className="details-actions">
            <button type="button" title="Open the project's changes since its baseline" onClick={() => navigate({ view: 'diff', project: place.where, artifact: resolved.name, compare: 'project_baseline', type: resolved.type })}>
              Show changes
            </button>
          </div>
        ) : null}
      </section>
    );
  }

  return (
    <section className="version-details" aria-labelledby="version-title">
      <h2 id="version-title">
        Version <code>{row.short}</code>
      </h2>
      <dl className="details-list">
        <dt>Origin</dt>
        <dd>
          {originWord(row.origin)}
          {row.graph.merge ? ' (a merge of two versions)' : ''}
        </dd>
        <dt>Recorded in</dt>
        <dd title={place?.where}>{where}</dd>
        <dt>When</dt>
        <dd>{row.created_at === null ? '—' : absoluteTime(row.created_at)}</dd>
        <dt>By</dt>
        <dd>{row.created_by}</dd>
        {row.version_tag !== null ? (
          <>
            <dt>Tag</dt>
            <dd>{row.version_tag}</dd>
          </>
        ) : null}
        <dt>Parents</dt>
        <dd>
          {row.parents.length === 0
            ? 'none: the first version'
            : row.parents.map((id) => {
                const parent = rows.find((r) => r?.id === id);
                return parent === undefined ? (
                  <code key={id} className="parent-ref">
                    {id.slice(-12)}
                  </code>
                ) : (
                  <button key={id} type="button" className="link parent-ref" onClick={() => void actions.selectVersion(parent)}>
                    {parent.short}
                  </button>
                );
              })}
        </dd>
        <dt>Content hash</dt>
        <dd>
          <code className="content-hash">{row.content_hash}</code>
        </dd>
      </dl>

      <h3>Where is this version?</h3>
      {whereabouts === null || whereabouts.phase === 'loading' ? (
        <p className="muted" role="status">
          Looking…
        </p>
      ) : whereabouts.phase === 'failed' ? (
        <p className="task task-error" role="alert">
          {whereabouts.message}
        </p>
      ) : (
        <ul className="whereabouts" aria-label="Where is this version">
          {whereaboutsGroups(whereabouts.value).map((group) => (
            <li key={group.standing}>
              <strong>{group.places.join(', ')}</strong> {group.standing}
            </li>
          ))}
        </ul>
      )}

      <div className="details-actions">
        <button type="button" onClick={() => actions.askHistoryAction('restore', row)} disabled={liveProjects.length === 0} title={liveProjects.length === 0 ? 'Not deployed in any project' : undefined}>
          Restore into project…
        </button>
        <button type="button" onClick={() => actions.askHistoryAction('adopt', row)}>
          Make collection copy…
        </button>
        {compareWith !== null ? (
          <button type="button" onClick={() => void actions.stopComparing()}>
            Stop comparing
          </button>
        ) : null}
      </div>
      <p className="muted hint">{compareWith === null ? 'Shift-click another version to compare the two.' : `Comparing with ${compareWith.short} (${placeNameOf(compareWith.place, places)}).`}</p>
    </section>
  );
}
