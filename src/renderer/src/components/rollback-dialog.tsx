import { useId } from 'react';
import type { RollbackResult } from '../../../shared/snapshot-results.js';
import { useServices } from '../app-context.js';
import type { RollbackDialog as RollbackDialogState } from '../state/snapshots-store.js';
import { actionText, artifactChangeText, isPathChosen, planArtifactLabel, planArtifacts, planSummary, projectsSummary, rollbackChoices, ROLLBACK_MODES } from '../view-model/rollback-plan.js';
import { artifactText, snapshotTitle } from '../view-model/snapshot-text.js';
import { ConfirmDialog } from './confirm-dialog.js';

/**
 * "Roll back…": choose how (Restore exactly, Keep later edits, Only selected artifacts), read the
 * plan the core computes for that choice (a dry run: per artifact and file, and the projects whose
 * copies become outdated), then confirm with **Roll back**, which runs exactly what was planned.
 */
export function RollbackDialog({ dialog }: { dialog: RollbackDialogState }) {
  const { actions } = useServices();
  const modeName = useId();
  const plan = dialog.plan;
  const ready = plan?.phase === 'ready' ? plan.value : null;
  return (
    <ConfirmDialog
      title={`Roll back to ${snapshotTitle(dialog.target)}?`}
      confirmLabel="Roll back"
      confirmDisabled={ready === null || ready.status === 'unchanged' || dialog.running}
      wide
      onCancel={() => actions.closeRollback()}
      onConfirm={() => void actions.runRollback()}
    >
      <fieldset className="rollback-modes" disabled={dialog.running}>
        <legend>How</legend>
        {ROLLBACK_MODES.map((option) => (
          <label key={option.mode} className="rollback-mode">
            <input type="radio" name={modeName} value={option.mode} checked={dialog.mode === option.mode} onChange={() => void actions.setRollbackMode(option.mode)} />
            <span>
              <strong>{option.label}</strong>
              <span className="muted rollback-mode-description">{option.description}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {dialog.mode === 'selected' ? <SelectionChoices dialog={dialog} /> : null}

      <section className="rollback-plan" aria-label="Rollback plan" aria-live="polite" aria-busy={plan?.phase === 'loading'}>
        <h3>Plan</h3>
        {plan === null ? (
          <p className="muted">Choose the artifacts or files to roll back.</p>
        ) : plan.phase === 'loading' ? (
          <p className="muted">Working out what the rollback would do…</p>
        ) : plan.phase === 'failed' ? (
          <p className="task task-error" role="alert">
            The plan could not be worked out: {plan.message}
          </p>
        ) : (
          <PlanDetails plan={plan.value} />
        )}
      </section>

      {dialog.running ? (
        <p className="task task-running" role="status">
          <span className="spinner" aria-hidden="true" />
          Taking a safety snapshot, then rolling back…
        </p>
      ) : null}
      {dialog.error !== null ? (
        <p className="task task-error" role="alert">
          {dialog.error}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}

/** The artifacts (and their files) that differ from the snapshot, to tick for "Only selected artifacts". */
function SelectionChoices({ dialog }: { dialog: RollbackDialogState }) {
  const { actions } = useServices();
  const { choices } = dialog;
  if (choices === null || choices.phase === 'loading') {
    return (
      <p className="muted" role="status">
        Reading what differs from the snapshot…
      </p>
    );
  }
  if (choices.phase === 'failed') {
    return (
      <p className="task task-error" role="alert">
        What differs from the snapshot could not be read: {choices.message}
      </p>
    );
  }
  const list = rollbackChoices(choices.value);
  if (list.length === 0) return <p className="empty">No artifact differs from the snapshot.</p>;
  return (
    <fieldset className="rollback-choices" disabled={dialog.running}>
      <legend>Artifacts and files to roll back</legend>
      <ul>
        {list.map((choice) => (
          <li key={choice.path}>
            <label>
              <input type="checkbox" checked={dialog.paths.includes(choice.path)} onChange={() => void actions.toggleRollbackPath(choice.path)} />
              {artifactText(choice)} <span className="muted">({choice.change} since the snapshot)</span>
            </label>
            {choice.files.length > 0 ? (
              <ul>
                {choice.files.map((file) => {
                  const viaArtifact = dialog.paths.includes(choice.path);
                  return (
                    <li key={file.path}>
                      <label>
                        <input type="checkbox" checked={isPathChosen(dialog.paths, file.path)} disabled={viaArtifact} onChange={() => void actions.toggleRollbackPath(file.path)} />
                        <code>{file.path.slice(choice.path.length + 1)}</code> <span className="muted">({file.change})</span>
                      </label>
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** The plan: what happens to each artifact and file, and which projects are left with outdated copies. */
function PlanDetails({ plan }: { plan: RollbackResult }) {
  const artifacts = planArtifacts(plan);
  return (
    <>
      <p className="rollback-summary">{planSummary(plan)}</p>
      {artifacts.length > 0 || plan.other_files.length > 0 ? (
        <ul className="plan-list" aria-label="Planned changes">
          {artifacts.map((artifact) => (
            <li key={`${artifact.type}:${artifact.name}`} aria-label={planArtifactLabel(artifact)}>
              <span className="plan-artifact">{artifactText(artifact)}</span> <ActionChip action={artifact.action} />
              {artifactChangeText(artifact) === '' ? null : <span className="muted"> {artifactChangeText(artifact)}</span>}
              {artifact.head === 'missing' ? <span className="muted"> (what SkillMeat last recorded is gone: every differing file is a conflict)</span> : null}
              {artifact.files.length > 0 ? (
                <ul>
                  {artifact.files.map((file) => (
                    <li key={file.path} aria-label={`${file.path}: ${actionText(file.action)}`}>
                      <code>{file.path}</code> <ActionChip action={file.action} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
          {plan.other_files.map((file) => (
            <li key={file.path} aria-label={`${file.path}: ${actionText(file.action)}`}>
              <code>{file.path}</code> <ActionChip action={file.action} />
            </li>
          ))}
        </ul>
      ) : null}
      <h3>Projects</h3>
      <p>{projectsSummary(plan)}</p>
      {plan.projects.length > 0 ? (
        <ul className="plan-projects" aria-label="Projects left with outdated copies">
          {plan.projects.map((project) => (
            <li key={project.path} aria-label={`${project.name}${project.local_edits ? ', has local edits' : ''}`}>
              <strong title={project.path}>{project.name}</strong>: {project.artifacts.map((a) => `${artifactText(a)}${a.local_edits ? ' (local edits)' : ''}`).join(', ')}
              {project.local_edits ? <span className="chip chip-attention">local edits</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function ActionChip({ action }: { action: RollbackResult['artifacts'][number]['action'] }) {
  return <span className={`chip action-chip action-${action}`}>{actionText(action)}</span>;
}
