import './upstream.css';
import { useRef } from 'react';
import { useStore } from 'zustand';
import { routeHash } from '../../../shared/app-routes.js';
import type { ArtifactInfo, PendingMergeInfo } from '../../../shared/results.js';
import { updateTaskKey } from '../actions/source-actions.js';
import { useServices } from '../app-context.js';
import { navigate } from '../routing/use-route.js';
import { isTaskRunning } from '../state/tasks-store.js';
import { shortHash } from '../view-model/format.js';
import { plural } from '../view-model/result-summary.js';
import { heldVersion, updateTitle, type UpstreamStanding } from '../view-model/upstream-status.js';
import { ActionButton } from './action-button.js';
import { ArtifactUse } from './artifact-use.js';
import { ConfirmButton } from './confirm-button.js';
import { LocalTime } from './local-time.js';
import { TaskStatus } from './task-status.js';

/**
 * One artifact of the collection: name (its history), type, the version it holds and, for one from
 * a git source, the source and whether upstream moved on (after a check) with **Show changes** and
 * **Update**, or **Merge…** when an update waits on the collection's own edits; its hash, when it
 * was added, the projects using it, and **Remove**.
 */
export function CollectionArtifactRow({
  artifact,
  standing,
  merge,
  changesOpen,
  showChangesRef,
}: {
  artifact: ArtifactInfo;
  standing: UpstreamStanding;
  /** The update of this artifact waiting in the merge view, if any. */
  merge: PendingMergeInfo | undefined;
  changesOpen: boolean;
  /** Receives the Show changes button, so closing the changes gives it the focus back. */
  showChangesRef: (button: HTMLButtonElement | null) => void;
}) {
  const { stores, actions } = useServices();
  const row = useRef<HTMLTableRowElement>(null);
  const taskKey = updateTaskKey(artifact);
  const updating = useStore(stores.tasks, (s) => isTaskRunning(s, taskKey) || isTaskRunning(s, updateTaskKey()));
  const { upstream } = artifact;

  const update = async () => {
    await actions.updateArtifacts([{ name: artifact.name, type: artifact.type }]);
    // Updated, the row has no Update button any more: the focus stays in the row, on its name.
    if (document.activeElement === null || document.activeElement === document.body) row.current?.querySelector<HTMLElement>('a[href]')?.focus();
  };

  return (
    <tr ref={row}>
      <th scope="row">
        <a href={routeHash({ view: 'history', name: artifact.name, type: artifact.type })}>{artifact.name}</a>
      </th>
      <td>
        <span className="chip">{artifact.type}</span>
      </td>
      <td>
        {upstream === undefined ? (
          <span title={`Added from ${artifact.source.replace(/^local:/, '')}`}>{artifact.version ?? '—'}</span>
        ) : (
          <span className="upstream-version">
            <span className="held-version" title={`Commit ${upstream.resolved_sha}`}>
              {heldVersion(upstream)}
            </span>
            <code className="artifact-source" title={`${upstream.source} (follows ${upstream.version_spec})`}>
              {upstream.source}
            </code>
            <UpstreamBadge standing={standing} upstream={upstream} merge={merge} />
          </span>
        )}
      </td>
      <td className="hash-column">
        <code title={artifact.content_hash}>{shortHash(artifact.content_hash)}</code>
      </td>
      <td className="muted">
        <LocalTime iso={artifact.added} />
      </td>
      <td>
        <ArtifactUse artifact={artifact} />
      </td>
      <td>
        <div className="collection-row-actions">
          {merge !== undefined ? (
            <button type="button" className="primary" aria-label={`Merge… ${artifact.name}`} title="Settle the update's conflicts with the collection's own edits in the merge view" onClick={() => navigate({ view: 'merge', project: '', artifact: artifact.name, type: artifact.type, update: true })}>
              Merge…
            </button>
          ) : standing.kind === 'update_available' ? (
            <>
              <button type="button" ref={showChangesRef} aria-expanded={changesOpen} aria-controls={changesOpen ? 'upstream-changes' : undefined} title={`What upstream changed since ${upstream === undefined ? 'the version held' : heldVersion(upstream)}`} onClick={() => void actions.toggleUpstreamChanges(artifact)}>
                Show changes
              </button>
              <ActionButton className="primary" busy={updating} title={`Bring upstream's ${standing.version} into the collection copy, keeping its own edits (a safety snapshot is taken first)`} onClick={() => void update()}>
                Update
              </ActionButton>
            </>
          ) : null}
          <ConfirmButton label="Remove" title={`Remove ${artifact.name} from the collection`} confirmation={removeConfirmation(artifact)} onConfirm={() => void actions.removeArtifact(artifact)} />
        </div>
        <TaskStatus taskKey={taskKey} label="Update result" />
      </td>
    </tr>
  );
}

/** Whether upstream moved on, as far as the last check tells, or that an update waits in the merge view. */
function UpstreamBadge({ standing, upstream, merge }: { standing: UpstreamStanding; upstream: NonNullable<ArtifactInfo['upstream']>; merge: PendingMergeInfo | undefined }) {
  if (merge !== undefined) {
    return (
      <span className="update-conflict-badge" title={`Upstream's changes and the collection's own edits conflict in ${merge.conflicts.map((c) => c.path || merge.name).join(', ')}`}>
        Update conflicts in {plural(merge.conflicts.length, 'file')}
      </span>
    );
  }
  switch (standing.kind) {
    case 'local':
    case 'unchecked':
      return null;
    case 'up_to_date':
      return <span className="muted">up to date</span>;
    case 'update_available':
      return (
        <span className="update-badge" title={updateTitle(upstream, standing)}>
          Update available: {standing.version}
        </span>
      );
    case 'error':
      return (
        <>
          <span className="update-error-badge">Could not check</span>
          <span className="upstream-error">{standing.message}</span>
        </>
      );
  }
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
