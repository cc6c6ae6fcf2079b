import './upstream.css';
import { useEffect, useRef } from 'react';
import { useServices } from '../app-context.js';
import type { UpstreamChangesView } from '../state/sources-store.js';
import { changedFileText } from '../view-model/compare-choices.js';
import { shortCommit } from '../view-model/upstream-status.js';
import { ChangesDiffPane } from './changes-diff-pane.js';
import { SIDE_BY_SIDE_MIN_WIDTH, useWidthAtLeast } from './use-width-at-least.js';

/**
 * What upstream changed in an artifact since the version its collection copy holds (Show changes
 * in the collection view): the changed files and the chosen one in the two-pane diff. Its heading
 * takes the focus when it opens; Close gives it back to the Show changes button (`onClose`).
 */
export function UpstreamChanges({ view, onClose }: { view: UpstreamChangesView; onClose: () => void }) {
  const { actions } = useServices();
  const heading = useRef<HTMLHeadingElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const sideBySide = useWidthAtLeast(body, SIDE_BY_SIDE_MIN_WIDTH);
  const { changes, from, to } = view;
  const fromLabel = `Collection took ${from.version}`;
  const toLabel = `Upstream now ${to.version}`;
  const shown = changes.phase === 'ready' ? changes.value.files.find((f) => f.path === view.file) : undefined;

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
        <div ref={body} className="diff-body with-files">
          <ul className="version-files" aria-label="Changed files">
            {changes.value.files.map((f) => (
              <li key={f.path}>
                <button type="button" className="merge-file" aria-current={f.path === view.file ? 'true' : undefined} aria-label={`${f.path === '' ? view.name : f.path}: ${f.change}`} onClick={() => actions.showUpstreamFile(f.path)}>
                  <code className="merge-file-path">{f.path === '' ? '(the file)' : f.path}</code>
                  <span className={`merge-file-state muted change-${f.change}`}>{changedFileText(f)}</span>
                </button>
              </li>
            ))}
          </ul>
          {shown === undefined ? null : shown.binary || shown.omitted.length > 0 ? (
            <p className="empty">{shown.binary ? 'A binary file: it cannot be shown as text.' : 'Too large to show here.'}</p>
          ) : (
            <div className="diff-main">
              <div className={`diff-labels${sideBySide ? '' : ' inline'}`}>
                <h3 className="diff-label">
                  {fromLabel}
                  {sideBySide ? '' : ' → '}
                </h3>
                <h3 className="diff-label">{toLabel}</h3>
              </div>
              <ChangesDiffPane file={shown} sideBySide={sideBySide} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
