import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ArtifactType } from '../../../shared/artifact-types.js';
import { routeHash } from '../../../shared/app-routes.js';
import { useServices } from '../app-context.js';
import { ConfirmDialog } from '../components/confirm-dialog.js';
import { MergeFileList } from '../components/merge-file-list.js';
import { MergePanes } from '../components/merge-panes.js';
import { WholeFileChoice } from '../components/whole-file-choice.js';
import { focusOpenedView } from '../components/use-heading-focus.js';
import { loadMergeEditor } from '../monaco/load-editors.js';
import type { MergeEditor } from '../monaco/merge-editor.js';
import { navigate } from '../routing/use-route.js';
import { folderName } from '../view-model/format.js';
import { mergeKey, type MergeTarget } from '../state/merge-store.js';
import { completionPlan, conflictsRemaining, conflictsRemainingText } from '../view-model/merge-files.js';
import { plural } from '../view-model/result-summary.js';
import { sideNamesOf } from '../view-model/side-names.js';

const IS_MAC = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);
const ALT = IS_MAC ? '⌥' : 'Alt+';

/**
 * The merge of one artifact's pending sync, file by file: a header with what is left and the
 * merge's actions, the file list, and the three panes of the selected text file (or its
 * whole-file choice). Leaving with unsaved work keeps it as drafts; completing goes back to the
 * project, where the result (and any offer to apply it elsewhere) is shown. Without a project it
 * is a merge in the collection: a rollback's (the sides are the collection copy now and the
 * snapshot; completing goes back to the snapshots) or, with `update`, an upstream update's (the
 * collection copy against upstream's new version; completing goes back to the collection).
 */
export function MergeView({ project, artifact, type, update = false }: { project: string; artifact: string; type?: ArtifactType | undefined; update?: boolean }) {
  const { stores, actions } = useServices();
  const target = useMemo<MergeTarget>(() => (type === undefined ? { project, artifact } : { project, artifact, type }), [project, artifact, type]);
  const session = useStore(stores.merges, (s) => s.sessions[mergeKey(target)]);
  const projectName = useStore(stores.projects, (s) => s.projects.find((p) => p.path === project)?.name) ?? folderName(project);
  // No project: the collection's own merge, a conflict a rollback keeping later edits (or an update meeting the collection's edits) left.
  const inCollection = project === '';
  const direction = session?.phase === 'ready' ? session.document.direction : inCollection ? (update ? 'update' : 'rollback') : 'sync';
  const backTo = direction === 'update' ? ({ view: 'collection' } as const) : inCollection ? ({ view: 'snapshots' } as const) : ({ view: 'project', path: project } as const);
  const back = { href: routeHash(backTo), name: backTo.view === 'collection' ? 'Collection' : backTo.view === 'snapshots' ? 'Snapshots' : projectName };
  const editor = useRef<MergeEditor | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [showBase, setShowBase] = useState(false);
  const [asking, setAsking] = useState<readonly string[] | null>(null);
  const [navigation, setNavigation] = useState<string | null>(null);

  useEffect(() => {
    focusOpenedView(heading.current);
    // The editor's code loads while the merge is read (both are needed before the panes can show).
    loadMergeEditor().catch(() => undefined);
    void actions.openMerge(target);
    const keep = () => void actions.saveMergeDrafts(target);
    window.addEventListener('pagehide', keep);
    return () => {
      window.removeEventListener('pagehide', keep);
      void actions.leaveMerge(target);
    };
  }, [actions, target]);

  const move = useCallback((direction: 'next' | 'previous') => {
    const found = direction === 'next' ? editor.current?.next() : editor.current?.previous();
    setNavigation(found === true ? null : 'No unresolved conflict in this file.');
  }, []);

  // Alt+↓ / Alt+↑ anywhere in the view (Monaco binds neither: the editor passes them on).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 'next' : 'previous');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move]);

  const ready = session?.phase === 'ready' ? session : undefined;
  const selected = ready?.files.find((w) => w.file.path === ready.selected);
  const remaining = ready === undefined ? 0 : conflictsRemaining(ready.files);
  const textSelected = selected?.model != null;
  const names = sideNamesOf(direction);

  const complete = async (allowMarkers: boolean) => {
    setAsking(null);
    const outcome = await actions.completeMerge(target, { allowMarkers });
    if (outcome === 'markers_left' && ready !== undefined) setAsking(completionPlan(ready.files).markers);
    if (outcome === 'completed') navigate(backTo);
  };

  return (
    <section className="view merge-view" aria-labelledby="merge-title">
      <header className="view-header merge-header">
        <div>
          <p className="breadcrumb">
            {inCollection ? null : <a href="#/projects">Projects</a>}
            {inCollection ? null : ' / '}
            <a href={back.href}>{back.name}</a> /
          </p>
          <h1 id="merge-title" ref={heading} tabIndex={-1}>
            Merge {artifact}
          </h1>
          {ready !== undefined ? (
            <p className="muted merge-subtitle">
              {ready.document.direction === 'rollback'
                ? `${ready.document.type} in collection ${ready.document.collection} · a rollback's conflict: the collection copy now against the snapshot; the result goes into the collection`
                : ready.document.direction === 'update'
                  ? `${ready.document.type} in collection ${ready.document.collection} · an update's conflict: the collection copy, with its own edits, against upstream's new version; the result goes into the collection`
                  : `${ready.document.type} from collection ${ready.document.collection} · ${ready.document.direction === 'sync' ? 'the result goes into the project' : 'the result goes into the collection and the project'}`}
            </p>
          ) : null}
        </div>
        <p className={`merge-count${remaining > 0 ? ' merge-count-open' : ''}`} role="status" aria-live="polite" aria-label="Conflicts remaining">
          {ready === undefined ? '' : conflictsRemainingText(remaining)}
        </p>
      </header>

      {session === undefined || session.phase === 'loading' ? (
        <p className="muted" role="status">
          Reading the merge…
        </p>
      ) : null}
      {session?.phase === 'failed' ? (
        <div className="notice notice-error" role="alert">
          <span>
            {session.code === 'not_found'
              ? direction === 'update'
                ? `${artifact} has no update waiting in the merge view: an update meeting the collection's own edits leaves one. `
                : inCollection
                ? `${artifact} has no unfinished merge in the collection: a rollback keeping later edits leaves one for each artifact it could not merge. `
                : `${artifact} has no unfinished merge in this project: sync it from the project view first. `
              : `The merge could not be read: ${session.message} `}
            <a href={back.href}>Back to {back.name}</a>
          </span>
        </div>
      ) : null}

      {ready !== undefined ? (
        <>
          <div className="merge-toolbar" role="toolbar" aria-label="Merge">
            <button type="button" title={`Previous unresolved conflict (${ALT}↑)`} aria-keyshortcuts="Alt+ArrowUp" disabled={!textSelected} onClick={() => move('previous')}>
              ↑ Previous conflict
            </button>
            <button type="button" title={`Next unresolved conflict (${ALT}↓)`} aria-keyshortcuts="Alt+ArrowDown" disabled={!textSelected} onClick={() => move('next')}>
              ↓ Next conflict
            </button>
            <span className="toolbar-gap" />
            <button type="button" title={`Every unresolved conflict of this file takes the lines of the ${names.project}`} disabled={!textSelected || selected?.remaining === 0} onClick={() => editor.current?.acceptAll('project')}>
              Accept all from {names.project}
            </button>
            <button type="button" title={`Every unresolved conflict of this file takes the lines of the ${names.collection}`} disabled={!textSelected || selected?.remaining === 0} onClick={() => editor.current?.acceptAll('collection')}>
              Accept all from {names.collection}
            </button>
            <button type="button" aria-pressed={showBase} disabled={!textSelected} title="Show the base (the content last integrated) as a fourth pane" onClick={() => setShowBase((shown) => !shown)}>
              Show base
            </button>
            <span className="toolbar-gap" />
            <button type="button" className="primary" disabled={ready.completing} onClick={() => void complete(false)}>
              {ready.completing ? 'Completing…' : 'Complete merge'}
            </button>
          </div>
          {navigation !== null ? (
            <p className="hint" role="status">
              {navigation}
            </p>
          ) : null}
          {ready.error !== null ? (
            <p className="notice notice-error" role="alert">
              {ready.error}
            </p>
          ) : null}
          <div className={`merge-body${ready.files.length > 1 ? ' with-files' : ''}`}>
            {ready.files.length > 1 ? <MergeFileList files={ready.files} selected={ready.selected} onSelect={(path) => actions.selectMergeFile(target, path)} /> : null}
            <div className="merge-main">
              {selected === undefined ? (
                <p className="empty">This merge has no files.</p>
              ) : selected.model !== null ? (
                <MergePanes key={selected.file.path} file={selected.file} model={selected.model} showBase={showBase} names={names} editor={editor} onChange={() => actions.mergeEdited(target, selected.file.path)} />
              ) : (
                <WholeFileChoice work={selected} names={names} onChoose={(choice) => actions.chooseWholeFile(target, selected.file.path, choice)} />
              )}
            </div>
          </div>
        </>
      ) : null}

      {asking !== null ? (
        <ConfirmDialog title="Complete with conflict markers?" confirmLabel="Complete merge with markers" onConfirm={() => void complete(true)} onCancel={() => setAsking(null)}>
          <p>
            {conflictsRemainingText(remaining)}. Conflict markers are still in {plural(asking.length, 'file')} ({asking.join(', ')}); completing writes them into the {inCollection ? 'collection' : 'project'} as they are.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
