import './upstream.css';
import { useEffect, useRef } from 'react';
import { useServices } from '../app-context.js';
import type { UpstreamChangesView } from '../state/sources-store.js';
import { shortCommit } from '../view-model/upstream-status.js';
import { ChangedFilesDiff } from './changed-files-diff.js';

/**
 * What upstream changed in an artifact since the version its collection copy holds (Show changes
 * in the collection view): the changed files and the chosen one in the two-pane diff. Its heading
 * takes the focus when it opens; Close gives it back to the Show changes button (`onClose`).
 */
export function UpstreamChanges({ view, onClose }: { view: UpstreamChangesView; onClose: () => void }) {
  const { actions } = useServices();
  const heading = useRef<HTMLHeadingElement>(null);
  const { changes, from, to } = view;
  const fromLabel = `Collection took ${from.version}`;
  const toLabel = `Upstream now ${to.version}`;

  useEffect(() => heading.current?.focus(), [view.name, view.type]);

  return (
    <section className="card upstream-changes" aria-labelledby="upstream-changes-title">
      <header className="upstream-changes-header">
        <h2 id="upstream-changes-title" ref={heading} tabIndex={-1}>
          Upstream changes in {view.name}: {from.version} → {to.version}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <p className="muted">
        What upstream changed in the {view.type} {view.name} between commit <code title={from.commit}>{shortCommit(from.commit)}</code>, which the collection copy last took, and{' '}
        <code title={to.commit}>{shortCommit(to.commit)}</code>. Update brings these changes in and keeps the collection's own edits.
      </p>
      {changes.phase === 'loading' ? (
        <p className="muted" role="status">
          Reading the changes…
        </p>
      ) : changes.phase === 'failed' ? (
        <p className="task task-error" role="alert">
          The changes could not be read: {changes.message}
        </p>
      ) : changes.value.files.length === 0 ? (
        <p className="empty">Upstream changed none of this artifact's files.</p>
      ) : (
        <ChangedFilesDiff
          files={changes.value.files}
          selected={view.file}
          onSelect={(path) => actions.showUpstreamFile(path)}
          labels={{ from: fromLabel, to: toLabel }}
          labelLevel="h3"
          wholeFileName={view.name}
          className="diff-body with-files"
        />
      )}
    </section>
  );
}
