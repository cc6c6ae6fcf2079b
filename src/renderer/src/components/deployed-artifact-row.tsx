import { useStore } from 'zustand';
import type { DriftEntry, PendingMergeInfo } from '../../../shared/results.js';
import { artifactTaskKey } from '../actions/deployment-actions.js';
import { useServices } from '../app-context.js';
import { routeHash } from '../../../shared/app-routes.js';
import { navigate } from '../routing/use-route.js';
import { defaultCompare, offersShowChanges } from '../view-model/compare-choices.js';
import { actionsFor } from '../view-model/drift-actions.js';
import { driftStatusOf } from '../view-model/drift-status.js';
import { ActionButton } from './action-button.js';
import { ConfirmButton } from './confirm-button.js';
import { ConflictList } from './conflict-list.js';
import { DriftBadge } from './drift-badge.js';
import { LocalTime } from './local-time.js';
import { MergeElsewhereOffer } from './merge-elsewhere-offer.js';
import { PushButton } from './push-dialog.js';
import { TaskStatus } from './task-status.js';

/** One deployed artifact: its drift, the actions its recommendation offers, their progress and result, and its conflicts. */
export function DeployedArtifactRow({ project, projectName, entry, pending }: { project: string; projectName: string; entry: DriftEntry; pending: PendingMergeInfo | undefined }) {
  const { stores, actions } = useServices();
  const key = artifactTaskKey(project, entry);
  const task = useStore(stores.tasks, (s) => s.tasks[key]);
  const offer = useStore(stores.merges, (s) => s.offers[key]);
  const busy = task?.phase === 'running';
  const conflicts = pending?.conflicts ?? (task?.phase === 'done' ? task.summary.conflicts.filter((c) => c.artifact === entry.name && c.type === entry.type) : []);
  const conflicted = entry.drift_type === 'conflict' || conflicts.length > 0;
  const version = entry.deployed_version ?? '—';
  const newer = entry.collection_version !== null && entry.collection_version !== entry.deployed_version ? ` → ${entry.collection_version}` : '';
  const target = { project, artifact: entry.name, type: entry.type };

  return (
    <li className="card artifact-row" aria-label={entry.name} data-type={entry.type}>
      <div className="artifact-line">
        <DriftBadge status={driftStatusOf(entry)} />
        <span className="artifact-meta">
          <span className="artifact-name">
            <a href={routeHash({ view: 'history', name: entry.name, type: entry.type })} title="Version history">
              {entry.name}
            </a>
          </span>
          <span className="chip">{entry.type}</span>
          <span className="muted" title="Deployed version → collection version">
            {version}
            {newer}
          </span>
          <span className="muted">
            deployed <LocalTime iso={entry.last_deployed} />
          </span>
        </span>
        <span className="artifact-actions">
          {conflicted ? (
            <ActionButton
              className="primary"
              title="Resolve the conflicts line by line in the merge view (syncs first when no merge is waiting)"
              busy={busy}
              onClick={() => void actions.beginMerge(project, entry).then((waiting) => waiting && navigate({ view: 'merge', ...target }))}
            >
              Merge…
            </ActionButton>
          ) : null}
          {actionsFor(entry).map((choice) =>
            choice.action === 'remove' ? (
              <ConfirmButton
                key={choice.action}
                label={choice.label}
                className={choice.recommended && !conflicted ? 'primary' : undefined}
                title={choice.description}
                busy={busy}
                confirmation={removeConfirmation(entry, projectName)}
                onConfirm={() => void actions.runArtifactAction(project, entry, 'remove')}
              />
            ) : choice.action === 'push' ? (
              <PushButton key={choice.action} project={project} entry={entry} busy={busy} primary={choice.recommended && !conflicted} title={choice.description} />
            ) : (
              <ActionButton
                key={choice.action}
                className={choice.recommended && !conflicted ? 'primary' : undefined}
                title={choice.description}
                busy={busy}
                onClick={() => void actions.runArtifactAction(project, entry, choice.action)}
              >
                {choice.label}
              </ActionButton>
            ),
          )}
          {offersShowChanges(entry) ? (
            <button type="button" title="See what differs before syncing or pushing" onClick={() => navigate({ view: 'diff', ...target, compare: defaultCompare(entry) })}>
              Show changes
            </button>
          ) : null}
        </span>
      </div>
      <TaskStatus taskKey={key} label={`${entry.name} result`} />
      {offer !== undefined ? <MergeElsewhereOffer offer={offer} busy={busy} /> : null}
      <ConflictList project={project} artifact={entry} files={conflicts} busy={busy} />
    </li>
  );
}

/** What removing a deployed copy asks: its files leave the project; the collection keeps the artifact. */
function removeConfirmation(entry: DriftEntry, projectName: string) {
  return {
    title: `Remove ${entry.name} from ${projectName}?`,
    confirmLabel: `Remove ${entry.name}`,
    body: (
      <p>
        The deployed copy (<code>.claude/{entry.path}</code>) is deleted from the project. The collection keeps {entry.name}; deploy it again at any time. A copy with edits of its own is refused.
      </p>
    ),
  };
}
