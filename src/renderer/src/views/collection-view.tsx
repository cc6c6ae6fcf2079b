import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../app-context.js';
import { ARTIFACT_TYPES, isArtifactType, type ArtifactType } from '../../../shared/artifact-types.js';
import type { ArtifactInfo } from '../../../shared/results.js';
import { ArtifactUse } from '../components/artifact-use.js';
import { CollectionSwitcher } from '../components/collection-switcher.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { KeptEntries } from '../components/kept-entries.js';
import { ListFilterBar } from '../components/list-filter-bar.js';
import { LocalTime } from '../components/local-time.js';
import { PathForm } from '../components/path-form.js';
import { TaskStatus } from '../components/task-status.js';
import { useFocusKeeper } from '../components/use-focus-keeper.js';
import { useHeadingFocus } from '../components/use-heading-focus.js';
import { useKeptOrder } from '../components/use-kept-order.js';
import { routeHash } from '../../../shared/app-routes.js';
import { ADD_ARTIFACT_TASK, CREATE_COLLECTION_TASK, isTaskRunning } from '../state/tasks-store.js';
import { shortHash } from '../view-model/format.js';
import { FILTER_FROM_ROWS, NO_FILTER, passesFilter } from '../view-model/list-filter.js';

/** The active collection: its artifacts with type, version, content hash and the projects using them; adding one from a folder or a file, removing one, switching collections; and the entries it keeps but does not manage. */
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
  const focusKeeper = useFocusKeeper<HTMLTableSectionElement>();
  const [type, setType] = useState<ArtifactType | ''>('');
  const typeId = useId();

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
        <div className="header-actions">
          <CollectionSwitcher />
          <button type="button" onClick={() => void actions.loadCollection()}>
            Reload
          </button>
        </div>
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
            <PathForm
              label="Artifact path"
              button="Add"
              placeholder="~/skills/canvas or ~/commands/review.md"
              busy={adding}
              choose={{ purpose: 'artifact', kinds: ['folder', 'file'], taskKey: ADD_ARTIFACT_TASK }}
              onSubmit={(path) => void actions.addArtifact(path, type === '' ? undefined : type)}
            >
              <label htmlFor={typeId} className="visually-hidden">
                Type
              </label>
              <select id={typeId} value={type} title="What the artifact is; detected from its shape when left as it is" onChange={(e) => setType(isArtifactType(e.target.value) ? e.target.value : '')}>
                <option value="">Detect type</option>
                {ARTIFACT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </PathForm>
            <p className="hint">A skill (a folder with SKILL.md), a hook or an MCP server is a folder; a command or an agent is one .md file — choose its type when it is not in a commands/ or agents/ folder.</p>
            <TaskStatus taskKey={ADD_ARTIFACT_TASK} label="Add result" />
          </div>
          {collection.artifacts.length === 0 ? (
            <p className="empty">The collection is empty. Add an artifact above: a folder, or one .md file for a command or an agent.</p>
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
                    <th scope="col">Used in</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody ref={focusKeeper.ref} onFocus={focusKeeper.onFocus}>
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
                      <td>
                        <ArtifactUse artifact={artifact} />
                      </td>
                      <td>
                        <ConfirmButton label="Remove" title={`Remove ${artifact.name} from the collection`} confirmation={removeConfirmation(artifact)} onConfirm={() => void actions.removeArtifact(artifact)} />
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

/** What removing an artifact from the collection asks: the collection's copy goes (a safety snapshot keeps it); deployed copies stay. */
function removeConfirmation(artifact: ArtifactInfo) {
  return {
    title: `Remove ${artifact.name} from collection ${artifact.collection}?`,
    confirmLabel: `Remove ${artifact.name}`,
    body: (
      <p>
        The collection's copy of the {artifact.type} {artifact.name} is deleted, after a safety snapshot that can bring it back (Undo). Projects keep their deployed copies; they will show it as removed from the collection.
      </p>
    ),
  };
}
