import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ArtifactType } from '../../../shared/artifact-types.js';
import { routeHash } from '../../../shared/app-routes.js';
import type { CompareSides } from '../../../shared/merge-results.js';
import { useServices } from '../app-context.js';
import { ChangesDiffPane } from '../components/changes-diff-pane.js';
import { SIDE_BY_SIDE_MIN_WIDTH, useWidthAtLeast } from '../components/use-width-at-least.js';
import { focusOpenedView } from '../components/use-heading-focus.js';
import { loadDiffEditor } from '../monaco/load-editors.js';
import { navigate } from '../routing/use-route.js';
import { folderName } from '../view-model/format.js';
import { changesKey, type ChangesTarget } from '../state/changes-store.js';
import { changedFileText, COMPARE_OPTIONS } from '../view-model/compare-choices.js';

/**
 * "Show changes": what differs between two contents of a deployed artifact (the project copy or
 * the collection copy against the baseline, or the two copies), file by file, in a two-pane diff.
 */
export function DiffView({ project, artifact, compare, type }: { project: string; artifact: string; compare: CompareSides; type?: ArtifactType | undefined }) {
  const { stores, actions } = useServices();
  const target = useMemo<ChangesTarget>(() => (type === undefined ? { project, artifact, compare } : { project, artifact, compare, type }), [project, artifact, compare, type]);
  const view = useStore(stores.changes, (s) => s.views[changesKey(target)]);
  const projectName = useStore(stores.projects, (s) => s.projects.find((p) => p.path === project)?.name) ?? folderName(project);
  const [selected, setSelected] = useState<string | null>(null);
  const body = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const sideBySide = useWidthAtLeast(body, SIDE_BY_SIDE_MIN_WIDTH);

  useEffect(() => {
    focusOpenedView(heading.current);
    // The editor's code loads while the changes are read.
    loadDiffEditor().catch(() => undefined);
  }, []);
  useEffect(() => {
    void actions.openChanges(target);
  }, [actions, target]);

  const changes = view?.phase === 'ready' ? view.changes : undefined;
  const file = changes?.files.find((f) => f.path === selected) ?? changes?.files[0];

  return (
    <section className="view diff-view" aria-labelledby="diff-title">
      <header className="view-header">
        <div>
          <p className="breadcrumb">
            <a href="#/projects">Projects</a> / <a href={routeHash({ view: 'project', path: project })}>{projectName}</a> /
          </p>
          <h1 id="diff-title" ref={heading} tabIndex={-1}>
            Changes in {artifact}
          </h1>
        </div>
      </header>

      <fieldset className="compare-choice">
        <legend>Compare</legend>
        {COMPARE_OPTIONS.map((option) => (
          <label key={option.compare} title={option.description}>
            <input
              type="radio"
              name="compare"
              value={option.compare}
              checked={option.compare === compare}
              onChange={() => {
                setSelected(null);
                navigate({ view: 'diff', project, artifact, compare: option.compare, ...(type === undefined ? {} : { type }) });
              }}
            />
            {option.label}
          </label>
        ))}
      </fieldset>

      {view === undefined || view.phase === 'loading' ? (
        <p className="muted" role="status">
          Reading the changes…
        </p>
      ) : null}
      {view?.phase === 'failed' ? (
        <p className="notice notice-error" role="alert">
          The changes could not be read: {view.message}
        </p>
      ) : null}
      <div ref={body} className={`diff-body${changes !== undefined && changes.files.length > 1 ? ' with-files' : ''}`}>
        {changes !== undefined && changes.files.length === 0 ? (
          <p className="empty">
            No differences: {changes.before_label} and {changes.after_label} are the same.
          </p>
        ) : null}
        {changes !== undefined && changes.files.length > 1 ? (
          <nav className="merge-files" aria-label="Changed files">
            <ul>
              {changes.files.map((f) => (
                <li key={f.path}>
                  <button type="button" className="merge-file" aria-current={f.path === file?.path ? 'true' : undefined} aria-label={`${f.path}: ${changedFileText(f)}`} onClick={() => setSelected(f.path)}>
                    <code className="merge-file-path">{f.path}</code>
                    <span className="merge-file-state muted">{changedFileText(f)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {changes !== undefined && file !== undefined ? (
          <div className="diff-main">
            <div className={`diff-labels${sideBySide ? '' : ' inline'}`}>
              <h2 className="diff-label">
                {changes.before_label}
                {sideBySide ? '' : ' → '}
              </h2>
              <h2 className="diff-label">{changes.after_label}</h2>
              <span className="muted diff-file">
                <code>{file.path}</code> · {changedFileText(file)}
              </span>
            </div>
            {file.binary || file.omitted.length > 0 ? <p className="empty">{file.binary ? 'A binary file: it cannot be shown as text.' : 'Too large to show here: compare the files on disk.'}</p> : <ChangesDiffPane file={file} sideBySide={sideBySide} />}
          </div>
        ) : null}
      </div>
    </section>
  );
}
