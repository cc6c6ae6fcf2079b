import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../app-context.js';
import { ARTIFACT_TYPES, isArtifactType, type ArtifactType } from '../../../shared/artifact-types.js';
import { ActionButton } from '../components/action-button.js';
import { CollectionArtifactRow } from '../components/collection-artifact-row.js';
import { CollectionSwitcher } from '../components/collection-switcher.js';
import { KeptEntries } from '../components/kept-entries.js';
import { ListFilterBar } from '../components/list-filter-bar.js';
import { LocalTime } from '../components/local-time.js';
import { PathForm } from '../components/path-form.js';
import { SourceForm } from '../components/source-form.js';
import { TaskStatus } from '../components/task-status.js';
import { UpstreamChanges } from '../components/upstream-changes.js';
import { useFocusKeeper } from '../components/use-focus-keeper.js';
import { useHeadingFocus } from '../components/use-heading-focus.js';
import { useKeptOrder } from '../components/use-kept-order.js';
import { updateTaskKey } from '../actions/source-actions.js';
import { ADD_ARTIFACT_TASK, ADD_SOURCE_TASK, CHECK_UPDATES_TASK, CREATE_COLLECTION_TASK, isTaskRunning } from '../state/tasks-store.js';
import { FILTER_FROM_ROWS, NO_FILTER, passesFilter } from '../view-model/list-filter.js';
import { upstreamKey, upstreamStanding } from '../view-model/upstream-status.js';

/**
 * The active collection: its artifacts with type, version, source, content hash and the projects
 * using them; adding one from a folder, a file or a git source, removing one, switching
 * collections; checking the git sources for updates (only when asked: it fetches), their upstream
 * changes and Update; and the entries it keeps but does not manage.
 */
export function CollectionView() {
  const { stores, actions } = useServices();
  const collection = useStore(stores.collection, (s) => s);
  const adding = useStore(stores.tasks, (s) => isTaskRunning(s, ADD_ARTIFACT_TASK));
  const creating = useStore(stores.tasks, (s) => isTaskRunning(s, CREATE_COLLECTION_TASK));
  const fetching = useStore(stores.tasks, (s) => isTaskRunning(s, ADD_SOURCE_TASK));
  const checking = useStore(stores.tasks, (s) => isTaskRunning(s, CHECK_UPDATES_TASK));
  const updatingAll = useStore(stores.tasks, (s) => isTaskRunning(s, updateTaskKey()));
  const sources = useStore(stores.sources, (s) => s);
  // A check of another collection says nothing about this one's artifacts.
  const checks = sources.collection === collection.name ? sources.checks : {};
  const standingOf = (a: (typeof collection.artifacts)[number]) => upstreamStanding(a, checks[upstreamKey(a)]);
  const mergeOf = (a: { name: string; type: ArtifactType }) => sources.merges.find((m) => m.collection === collection.name && m.name === a.name && m.type === a.type);
  const [filter, setFilter] = useState(NO_FILTER);
  // What needs action first (an update available, or one waiting in the merge view), then name; a check the user asked for sorts afresh.
  const artifacts = useKeptOrder(collection.artifacts, (a) => ({ key: `${a.type}:${a.name}`, name: a.name, needsAction: standingOf(a).kind === 'update_available' || mergeOf(a) !== undefined }), sources.checkedAt);
  const sourced = collection.artifacts.some((a) => a.upstream !== undefined);
  const withUpdates = collection.artifacts.filter((a) => standingOf(a).kind === 'update_available' && mergeOf(a) === undefined);
  const shown = artifacts.filter((a) => passesFilter(filter, [a.name, a.type], false));
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const focusKeeper = useFocusKeeper<HTMLTableSectionElement>();
  const [type, setType] = useState<ArtifactType | ''>('');
  const typeId = useId();
  const sourceTypeId = useId();
  const [sourceType, setSourceType] = useState<ArtifactType | ''>('');
  const showChangesButtons = useRef(new Map<string, HTMLButtonElement>());
  const updatesBar = useRef<HTMLDivElement>(null);
  const updateAll = async (all: readonly { name: string; type: ArtifactType }[]) => {
    await actions.updateArtifacts(all.map((a) => ({ name: a.name, type: a.type })));
    // Done, Update all goes away: the focus stays in the bar, on Check for updates.
    if (document.activeElement === null || document.activeElement === document.body) updatesBar.current?.querySelector('button')?.focus();
  };
  const closeChanges = useCallback(() => {
    const open = stores.sources.getState().changes;
    if (open === null) return;
    actions.closeUpstreamChanges();
    showChangesButtons.current.get(upstreamKey(open))?.focus();
  }, [actions, stores.sources]);

  // Files in the collection may have changed on disk since the last visit.
  useEffect(() => {
    void actions.loadCollection();
  }, [actions]);
  // So may the updates waiting in the merge view: read for the collection shown (again when another is made active).
  useEffect(() => {
    if (collection.name !== null) void actions.loadUpdateMerges();
  }, [actions, collection.name]);

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
              <TypeChoice id={typeId} value={type} onChange={setType} />
            </PathForm>
            <p className="hint">A skill (a folder with SKILL.md), a hook or an MCP server is a folder; a command or an agent is one .md file — choose its type when it is not in a commands/ or agents/ folder.</p>
            <TaskStatus taskKey={ADD_ARTIFACT_TASK} label="Add result" />
            <SourceForm busy={fetching} onSubmit={(source) => void actions.addFromSource(source, sourceType === '' ? undefined : sourceType)}>
              <TypeChoice id={sourceTypeId} value={sourceType} onChange={setSourceType} />
            </SourceForm>
            <TaskStatus taskKey={ADD_SOURCE_TASK} label="Add from source result" />
          </div>
          {sourced ? (
            <div ref={updatesBar} className="upstream-bar" role="group" aria-label="Updates from upstream">
              <ActionButton busy={checking} title="Fetch each git source and see whether upstream moved on (nothing in the collection changes)" onClick={() => void actions.checkUpdates()}>
                Check for updates
              </ActionButton>
              {withUpdates.length > 1 ? (
                <ActionButton className="primary" busy={updatingAll} title="Bring every update available into the collection, keeping its own edits (one safety snapshot first)" onClick={() => void updateAll(withUpdates)}>
                  Update all ({withUpdates.length})
                </ActionButton>
              ) : null}
              <span className="muted">
                Last checked <LocalTime iso={sources.collection === collection.name ? sources.checkedAt : null} never="not yet" />
              </span>
              <TaskStatus taskKey={CHECK_UPDATES_TASK} label="Check for updates result" />
              <TaskStatus taskKey={updateTaskKey()} label="Update all result" />
            </div>
          ) : null}
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
                    <th scope="col" className="hash-column">
                      Hash
                    </th>
                    <th scope="col">Added</th>
                    <th scope="col">Used in</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody ref={focusKeeper.ref} onFocus={focusKeeper.onFocus}>
                  {shown.map((artifact) => {
                    const key = upstreamKey(artifact);
                    return (
                      <CollectionArtifactRow
                        key={key}
                        artifact={artifact}
                        standing={standingOf(artifact)}
                        merge={mergeOf(artifact)}
                        changesOpen={sources.changes !== null && upstreamKey(sources.changes) === key}
                        showChangesRef={(button) => {
                          if (button === null) showChangesButtons.current.delete(key);
                          else showChangesButtons.current.set(key, button);
                        }}
                      />
                    );
                  })}
                </tbody>
              </table>
            </>
          )}
          {sources.changes !== null && collection.artifacts.some((a) => upstreamKey(a) === upstreamKey(sources.changes!)) ? (
            <div id="upstream-changes">
              <UpstreamChanges view={sources.changes} onClose={closeChanges} />
            </div>
          ) : null}
          <KeptEntries entries={collection.unsupported} />
        </>
      )}
    </section>
  );
}

/** The type an added artifact is, or '' to detect it from its shape (the add forms' choice). */
function TypeChoice({ id, value, onChange }: { id: string; value: ArtifactType | ''; onChange: (type: ArtifactType | '') => void }) {
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        Type
      </label>
      <select id={id} value={value} title="What the artifact is; detected from its shape when left as it is" onChange={(e) => onChange(isArtifactType(e.target.value) ? e.target.value : '')}>
        <option value="">Detect type</option>
        {ARTIFACT_TYPES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </>
  );
}
