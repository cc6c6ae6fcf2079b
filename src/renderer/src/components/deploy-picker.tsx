import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { DriftReport } from '../../../shared/results.js';
import { deployTaskKey } from '../actions/deployment-actions.js';
import { useServices } from '../app-context.js';
import { routeHash } from '../../../shared/app-routes.js';
import { artifactKey, deployableArtifacts } from '../view-model/deployed-artifacts.js';
import { FILTER_FROM_ROWS, NO_FILTER, passesFilter } from '../view-model/list-filter.js';
import { ListFilterBar } from './list-filter-bar.js';
import { TaskStatus } from './task-status.js';
import { useKeptOrder } from './use-kept-order.js';

/** The collection's artifacts this project has not deployed, to pick some and deploy them in one go. */
export function DeployPicker({ project, report }: { project: string; report: DriftReport }) {
  const { stores, actions } = useServices();
  const collection = useStore(stores.collection, (s) => s);
  const busy = useStore(stores.tasks, (s) => s.tasks[deployTaskKey(project)]?.phase === 'running');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState(NO_FILTER);
  const offered = useKeptOrder(
    useMemo(() => deployableArtifacts(collection.artifacts, report), [collection.artifacts, report]),
    (a) => ({ key: artifactKey(a), name: a.name, needsAction: false }),
  );
  const added = useMemo(() => new Set(report.added.map(artifactKey)), [report.added]);
  const chosen = offered.filter((a) => selected.has(artifactKey(a)));
  const shown = offered.filter((a) => passesFilter(filter, [a.name, a.type], false));
  const allShownChosen = shown.length > 0 && shown.every((a) => selected.has(artifactKey(a)));
  // Select all works on what the search shows; what it hides stays as it was.
  const chooseShown = (on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      for (const artifact of shown) {
        if (on) next.add(artifactKey(artifact));
        else next.delete(artifactKey(artifact));
      }
      return next;
    });

  const toggle = (key: string) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  return (
    <section className="card deploy-picker" aria-labelledby="deploy-title">
      <h2 id="deploy-title">Deploy artifacts</h2>
      {collection.status === 'none' ? (
        <p className="muted">
          There is no collection yet: <a href={routeHash({ view: 'collection' })}>create one</a> and add artifacts to it.
        </p>
      ) : collection.status !== 'ready' ? (
        <p className="muted">Reading the collection…</p>
      ) : offered.length === 0 ? (
        <p className="muted">Every artifact of collection {collection.name} is deployed here.</p>
      ) : (
        <>
          <div className="pick-tools">
            {offered.length > FILTER_FROM_ROWS ? <ListFilterBar label="Search artifacts to deploy" filter={filter} onChange={setFilter} shown={shown.length} total={offered.length} offersNeedsAction={false} /> : null}
            <label className="list-filter-toggle">
              <input type="checkbox" checked={allShownChosen} onChange={(event) => chooseShown(event.target.checked)} disabled={busy || shown.length === 0} />
              {shown.length === offered.length ? 'Select all' : `Select all ${shown.length} shown`}
            </label>
            <span className="muted" role="status" aria-label="Chosen to deploy">
              {chosen.length} of {offered.length} chosen
            </span>
          </div>
          <ul className="pick-list" aria-label="Artifacts to deploy">
            {shown.map((artifact) => {
              const key = artifactKey(artifact);
              return (
                <li key={key}>
                  <label>
                    <input type="checkbox" checked={selected.has(key)} onChange={() => toggle(key)} disabled={busy} />
                    <span className="artifact-name">{artifact.name}</span>
                    <span className="chip">{artifact.type}</span>
                    {artifact.version !== null ? <span className="muted">{artifact.version}</span> : null}
                    {added.has(key) ? <span className="chip chip-new">new in collection</span> : null}
                  </label>
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            className="primary"
            disabled={busy || chosen.length === 0}
            onClick={() => {
              setSelected(new Set());
              void actions.deployArtifacts(project, chosen);
            }}
          >
            {chosen.length > 1 ? `Deploy ${chosen.length} artifacts` : 'Deploy'}
          </button>
        </>
      )}
      <TaskStatus taskKey={deployTaskKey(project)} label="Deploy result" />
    </section>
  );
}
