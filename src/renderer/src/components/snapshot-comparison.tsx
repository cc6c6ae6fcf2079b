import { useEffect, useMemo, useRef } from 'react';
import { useServices } from '../app-context.js';
import { loadDiffEditor } from '../monaco/load-editors.js';
import type { Comparison } from '../state/snapshots-store.js';
import { compareSummary, compareTree } from '../view-model/compare-tree.js';
import { changedFileText } from '../view-model/compare-choices.js';
import { artifactText } from '../view-model/snapshot-text.js';
import { ChangesDiffPane } from './changes-diff-pane.js';
import { SIDE_BY_SIDE_MIN_WIDTH, useWidthAtLeast } from './use-width-at-least.js';

/**
 * Two snapshots (or a snapshot and the collection now) compared: a tree of added, modified and
 * removed artifacts and their files, and the chosen file in the two-pane diff of "Show changes".
 * `onClose` goes back to the timeline.
 */
export function SnapshotComparison({ comparison, onClose }: { comparison: Comparison; onClose: () => void }) {
  const { actions } = useServices();
  const heading = useRef<HTMLHeadingElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const sideBySide = useWidthAtLeast(body, SIDE_BY_SIDE_MIN_WIDTH);
  const { from, to, diff, file, fileDiff, shown } = comparison;
  const groups = useMemo(() => (diff.phase === 'ready' ? compareTree(diff.value) : []), [diff]);
  const beforeLabel = `Snapshot ${from.id}`;
  const afterLabel = to === null ? 'Now' : `Snapshot ${to.id}`;

  useEffect(() => {
    heading.current?.focus();
    // The editor's code loads while the comparison is read.
    loadDiffEditor().catch(() => undefined);
  }, []);

  return (
    <section className="snapshot-comparison" aria-labelledby="comparison-title">
      <header className="comparison-header">
        <div>
          <h2 id="comparison-title" ref={heading} tabIndex={-1}>
            {to === null ? `${from.id} compared with now` : `${from.id} compared with ${to.id}`}
          </h2>
          <p className="muted comparison-summary" role="status">
            {diff.phase === 'ready' ? compareSummary(diff.value) : diff.phase === 'loading' ? 'Comparing…' : ''}
          </p>
        </div>
        <button type="button" onClick={onClose}>
          Back to the timeline
        </button>
      </header>
      {diff.phase === 'failed' ? (
        <p className="task task-error" role="alert">
          The comparison could not be read: {diff.message}
        </p>
      ) : null}
      {/* The tree above the diff, not beside it: the two panes need the width (side by side from 900 px). */}
      <div ref={body} className="diff-body comparison-body">
        {groups.length > 0 ? (
          <nav className="compare-tree" aria-label="Compared artifacts">
            {groups.map((group) => (
              <div key={group.title} className="compare-group">
                <h3 className={`compare-group-title change-${group.change}`}>{group.title}</h3>
                <ul>
                  {group.artifacts.map((artifact) => (
                    <li key={`${artifact.type}:${artifact.name}`}>
                      {artifact.name === '' ? null : <span className="compare-artifact">{artifactText(artifact)}</span>}
                      <ul>
                        {artifact.files.map((f) => (
                          <li key={f.path}>
                            <button type="button" className="merge-file" aria-current={f.path === file ? 'true' : undefined} aria-label={`${f.path}: ${f.change}`} title={f.path} onClick={() => void actions.showComparedFile(f.path)}>
                              <code className="merge-file-path">{f.label}</code>
                              <span className={`merge-file-state muted change-${f.change}`}>{f.change}</span>
                            </button>
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </nav>
        ) : null}
        {diff.phase === 'ready' && groups.length === 0 ? <p className="empty">No differences: {to === null ? 'the collection is as this snapshot holds it.' : 'the two snapshots hold the same.'}</p> : null}
        {file !== null ? (
          <div className="diff-main">
            <div className={`diff-labels${sideBySide ? '' : ' inline'}`}>
              <h3 className="diff-label">
                {beforeLabel}
                {sideBySide ? '' : ' → '}
              </h3>
              <h3 className="diff-label">{afterLabel}</h3>
              <span className="muted diff-file">
                <code>{file}</code>
                {fileDiff?.phase === 'ready' ? ` · ${changedFileText(fileDiff.value)}` : ''}
              </span>
            </div>
            {fileDiff?.phase === 'loading' ? (
              <p className="muted" role="status">
                Reading {file}…
              </p>
            ) : null}
            {fileDiff?.phase === 'failed' ? (
              <p className="task task-error" role="alert">
                {file} could not be read: {fileDiff.message}
              </p>
            ) : null}
            {shown === null ? null : shown.binary || shown.omitted.length > 0 ? (
              <p className="empty">{shown.binary ? 'A binary file: it cannot be shown as text.' : 'Too large to show here: compare the files on disk.'}</p>
            ) : (
              <ChangesDiffPane file={shown} sideBySide={sideBySide} />
            )}
          </div>
        ) : null}
      </div>
    </section>
  );
}
