import { useRef } from 'react';
import type { HistoryChanges } from '../state/history-store.js';
import { changedFileText } from '../view-model/compare-choices.js';
import { ChangesDiffPane } from './changes-diff-pane.js';
import { SIDE_BY_SIDE_MIN_WIDTH, useWidthAtLeast } from './use-width-at-least.js';
import { useServices } from '../app-context.js';

/** What changed from one version (or none: a first version) to another: the file list and the chosen file in the two-pane diff. */
export function VersionChanges({ changes }: { changes: HistoryChanges }) {
  const { actions } = useServices();
  const body = useRef<HTMLDivElement>(null);
  const sideBySide = useWidthAtLeast(body, SIDE_BY_SIDE_MIN_WIDTH);
  const { from, to, diff, file } = changes;
  const fromLabel = from === null ? 'Nothing (first version)' : `Version ${from.short}`;
  const toLabel = to.kind === 'working' ? 'Working copy' : `Version ${to.short}`;
  const shown = diff.phase === 'ready' ? diff.value.files.find((f) => f.path === file) : undefined;
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
        <div ref={body} className="diff-body">
          <ul className="version-files" aria-label="Changed files">
            {diff.value.files.map((f) => (
              <li key={f.path}>
                <button type="button" className="merge-file" aria-current={f.path === file ? 'true' : undefined} aria-label={`${f.path}: ${f.change}`} onClick={() => actions.showVersionFile(f.path)}>
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
                <h4 className="diff-label">
                  {fromLabel}
                  {sideBySide ? '' : ' → '}
                </h4>
                <h4 className="diff-label">{toLabel}</h4>
              </div>
              <ChangesDiffPane file={shown} sideBySide={sideBySide} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
