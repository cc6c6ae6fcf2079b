import type { HistoryChanges } from '../state/history-store.js';
import { ChangedFilesDiff } from './changed-files-diff.js';
import { useServices } from '../app-context.js';

/** What changed from one version (or none: a first version) to another: the file list and the chosen file in the two-pane diff. */
export function VersionChanges({ changes }: { changes: HistoryChanges }) {
  const { actions } = useServices();
  const { from, to, diff, file } = changes;
  const fromLabel = from === null ? 'Nothing (first version)' : `Version ${from.short}`;
  const toLabel = to.kind === 'working' ? 'Working copy' : `Version ${to.short}`;
  return (
    <section className="version-changes" aria-labelledby="changes-title">
      <h3 id="changes-title">
        Changes: {fromLabel} → {toLabel}
      </h3>
      {diff.phase === 'loading' ? (
        <p className="muted" role="status">
          Comparing…
        </p>
      ) : diff.phase === 'failed' ? (
        <p className="task task-error" role="alert">
          The changes could not be read: {diff.message}
        </p>
      ) : diff.value.files.length === 0 ? (
        <p className="empty">No differences: the two hold the same files.</p>
      ) : (
        <ChangedFilesDiff files={diff.value.files} selected={file} onSelect={(path) => actions.showVersionFile(path)} labels={{ from: fromLabel, to: toLabel }} labelLevel="h4" />
      )}
    </section>
  );
}
