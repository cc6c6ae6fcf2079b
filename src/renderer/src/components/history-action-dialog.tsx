import { useStore } from 'zustand';
import type { HistoryAction } from '../state/history-store.js';
import { useServices } from '../app-context.js';
import { placeName } from '../view-model/history-text.js';
import { ConfirmDialog } from './confirm-dialog.js';

/** Confirms restoring a version into a project (chosen here), or making it the collection copy. */
export function HistoryActionDialog({ action }: { action: HistoryAction }) {
  const { stores, actions } = useServices();
  const places = useStore(stores.history, (s) => s.places);
  const projects = places.filter((p) => p.kind === 'project' && p.live);
  const short = action.version.short;
  if (action.kind === 'adopt') {
    return (
      <ConfirmDialog title={`Make ${short} the collection copy?`} confirmLabel="Make collection copy" confirmDisabled={action.running} onConfirm={() => void actions.runHistoryAction()} onCancel={() => actions.cancelHistoryAction()}>
        <p>
          The collection copy is replaced by version <code>{short}</code>. A safety snapshot is taken first, and what the copy held is kept as a version, so this can be undone from the timeline or
          from here.
        </p>
        <p>Projects where it is deployed then show it as outdated; sync them to take it.</p>
        <ActionError error={action.error} />
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog title={`Restore ${short} into a project?`} confirmLabel="Restore" confirmDisabled={action.running || action.project === null} onConfirm={() => void actions.runHistoryAction()} onCancel={() => actions.cancelHistoryAction()}>
      <p>
        The project copy is replaced by version <code>{short}</code>. What it held is kept as a version; the project's baseline stays, so it then shows as modified: push it to make it the collection's,
        or sync to take the collection's back.
      </p>
      <fieldset className="restore-projects">
        <legend>Into</legend>
        {projects.map((p) => (
          <label key={p.place} title={p.where}>
            <input type="radio" name="restore-project" checked={action.project === p.where} onChange={() => actions.chooseRestoreProject(p.where)} />
            {placeName(p)} <span className="muted">{p.where}</span>
          </label>
        ))}
      </fieldset>
      <ActionError error={action.error} />
    </ConfirmDialog>
  );
}

/** Why the action did not run, inside the dialog (which stays open to try again or cancel). */
function ActionError({ error }: { error: string | null }) {
  if (error === null) return null;
  return (
    <p className="task task-error" role="alert">
      {error}
    </p>
  );
}
