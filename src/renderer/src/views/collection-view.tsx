import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../app-context.js';
import { KeptEntries } from '../components/kept-entries.js';
import { ListFilterBar } from '../components/list-filter-bar.js';
import { LocalTime } from '../components/local-time.js';
import { PathForm } from '../components/path-form.js';
import { TaskStatus } from '../components/task-status.js';
import { useHeadingFocus } from '../components/use-heading-focus.js';
import { useKeptOrder } from '../components/use-kept-order.js';
import { routeHash } from '../../../shared/app-routes.js';
import { ADD_ARTIFACT_TASK, CREATE_COLLECTION_TASK, isTaskRunning } from '../state/tasks-store.js';
import { shortHash } from '../view-model/format.js';
import { FILTER_FROM_ROWS, NO_FILTER, passesFilter } from '../view-model/list-filter.js';

/** The active collection: its artifacts with type, version and content hash, adding one from a folder, and the entries it keeps but does not manage. */
export function CollectionView() {
  const { stores, actions } = useServices();
  const collection = useStore(stores.collection, (s) => s);
  const adding = useStore(stores.tasks, (s) => isTaskRunning(s, ADD_ARTIFACT_TASK));
  const creating = useStore(stores.tasks, (s) => isTaskRunning(s, CREATE_COLLECTION_TASK));
  const [filter, setFilter] = useState(NO_FILTER);
  // The collection's artifacts need no action of their own: the rule orders them by name.
  const artifacts = useKeptOrder(collection.artifacts, (a) => ({ key: `${a.type}:${a.name}`, name: a.name, needsAction: false }));
  const shown = artifacts.filter((a) => passesFilter(filter, [a.name, a.type], false));
  const heading = useHeadingFocus<HTMLHeadingElement>();

  // Files in the collection may have changed on disk since the last visit.
  useEffect(() => {
    void actions.loadCollection();
  }, [actions]);

  return (
    <section className="view" aria-labelledby="collection-title">
      <header className="view-header">
        <h1 id="collection-title" ref={heading} tabIndex={-1}>
          {collection.name === null ? 'Collection' : `Collection ${collection.name}`}
        </h1>
        <button type="button" onClick={() => void actions.loadCollection()}>
          Reload
        </button>
      </header>

      {collection.status === 'none' ? (
        <div className="card">
          <p>There is no collection yet. A collection holds the artifacts you deploy into projects.</p>
          <button type="button" className="primary" disabled={creating} onClick={() => void actions.createCollection('default')}>
            Create collection
          </button>
          <TaskStatus taskKey={CREATE_COLLECTION_TASK} label="Create collection result" />
        </div>
      ) : collection.status === 'failed' ? (
        <p className="task task-error" role="alert">
          {collection.error}
        </p>
      ) : collection.status !== 'ready' ? (
        <p className="muted" role="status">
          Reading the collection…
        </p>
      ) : (
        <>
          <div className="card">
            <PathForm label="Artifact folder" button="Add from folder" placeholder="/path/to/a/skill" busy={adding} onSubmit={(path) => void actions.addArtifact(path)} />
            <TaskStatus taskKey={ADD_ARTIFACT_TASK} label="Add result" />
          </div>
          {collection.artifacts.length === 0 ? (
            <p className="empty">The collection is empty. Add an artifact from a folder above.</p>
          ) : (
            <>
              {artifacts.length > FILTER_FROM_ROWS ? <ListFilterBar label="Filter artifacts" filter={filter} onChange={setFilter} shown={shown.length} total={artifacts.length} offersNeedsAction={false} /> : null}
              <table className="artifact-table" aria-label="Artifacts">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Type</th>
                    <th scope="col">Version</th>
                    <th scope="col">Hash</th>
                    <th scope="col">Added</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((artifact) => (
                    <tr key={`${artifact.type}:${artifact.name}`}>
                      <th scope="row">
                        <a href={routeHash({ view: 'history', name: artifact.name, type: artifact.type })}>{artifact.name}</a>
                      </th>
                      <td>
                        <span className="chip">{artifact.type}</span>
                      </td>
                      <td>{artifact.version ?? '—'}</td>
                      <td>
                        <code title={artifact.content_hash}>{shortHash(artifact.content_hash)}</code>
                      </td>
                      <td className="muted">
                        <LocalTime iso={artifact.added} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <KeptEntries entries={collection.unsupported} />
        </>
      )}
    </section>
  );
}
