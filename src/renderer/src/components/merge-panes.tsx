import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import { EditorLoadStatus } from './editor-load-status.js';
import { createPortal } from 'react-dom';
import type { MergeFile } from '../../../shared/merge-results.js';
import type { MergeModel } from '../merge-model/merge-model.js';
import type { ConflictHeader, MergeEditor } from '../monaco/merge-editor.js';
import { loadMergeEditor } from '../monaco/load-editors.js';
import type { MergePane } from '../view-model/merge-decorations.js';
import { ConflictActions } from './conflict-actions.js';
import { paneTitle, type SideNames } from '../view-model/side-names.js';


/**
 * One text file's merge in Monaco: the panes Project | Result | Collection (Base first when
 * shown), the Result editable, and each conflict's actions above it in the Result. Monaco loads
 * here, on demand. `editor` is set while the panes are up, for the header's buttons.
 */
export function MergePanes({ file, model, showBase, names, editor, onChange }: { file: MergeFile; model: MergeModel; showBase: boolean; names: SideNames; editor: RefObject<MergeEditor | null>; onChange: () => void }) {
  const base = useRef<HTMLDivElement>(null);
  const project = useRef<HTMLDivElement>(null);
  const result = useRef<HTMLDivElement>(null);
  const collection = useRef<HTMLDivElement>(null);
  const [headers, setHeaders] = useState<readonly ConflictHeader[]>([]);
  const [phase, setPhase] = useState<'loading' | 'ready' | 'failed'>('loading');
  const changed = useRef(onChange);
  changed.current = onChange;
  // The editor is built once per model; these are read when it is.
  const initial = useRef({ file, showBase });
  const ids = { base: useId(), project: useId(), result: useId(), collection: useId() };

  useEffect(() => {
    let cancelled = false;
    let created: MergeEditor | null = null;
    const containers = { base: base.current, project: project.current, result: result.current, collection: collection.current };
    if (containers.base === null || containers.project === null || containers.result === null || containers.collection === null) return;
    const ready = { base: containers.base, project: containers.project, result: containers.result, collection: containers.collection };
    loadMergeEditor().then(
      ({ createMergeEditor }) => {
        if (cancelled) return;
        performance.mark('skillmeat:merge-editor-code');
        created = createMergeEditor({
          containers: ready,
          base: initial.current.file.base ?? '',
          project: initial.current.file.project ?? '',
          collection: initial.current.file.collection ?? '',
          model,
          path: initial.current.file.path,
          showBase: initial.current.showBase,
          names,
          onChange: () => changed.current(),
          onHeaders: setHeaders,
        });
        editor.current = created;
        setPhase('ready');
        // The panes are drawn in the next frame; then they answer input.
        requestAnimationFrame(() => performance.mark('skillmeat:merge-interactive'));
      },
      () => !cancelled && setPhase('failed'),
    );
    return () => {
      cancelled = true;
      created?.dispose();
      if (editor.current === created) editor.current = null;
    };
  }, [model, editor]);

  useEffect(() => {
    editor.current?.setShowBase(showBase);
  }, [showBase, editor, phase]);

  // "Conflict N of M": N counts the file's conflicts in order, whatever state they are in.
  const conflictNumbers = useMemo(() => new Map(file.regions.flatMap((r, index) => (r.kind === 'conflict' ? [index] : [])).map((index, n) => [index, n + 1])), [file.regions]);
  const panes: readonly { pane: MergePane; ref: RefObject<HTMLDivElement | null> }[] = [
    { pane: 'base', ref: base },
    { pane: 'project', ref: project },
    { pane: 'result', ref: result },
    { pane: 'collection', ref: collection },
  ];

  return (
    <div className={`merge-panes${showBase ? ' with-base' : ''}`} aria-busy={phase === 'loading'}>
      {panes.map(({ pane, ref }) => (
        <section key={pane} className={`merge-pane merge-pane-${pane}`} aria-labelledby={ids[pane]} hidden={pane === 'base' && !showBase}>
          <header className="pane-header">
            <h2 id={ids[pane]}>{paneTitle(pane, names)}</h2>
            <span className="muted">{pane === 'result' ? 'editable' : 'read-only'}</span>
          </header>
          <div ref={ref} className="pane-editor" />
        </section>
      ))}
      <EditorLoadStatus phase={phase} />
      {headers.map((header) =>
        createPortal(
          <ConflictActions
            conflicts={header.conflicts}
            height={header.rowHeight}
            compact={header.compact}
            numberOf={(index) => conflictNumbers.get(index) ?? index + 1}
            total={conflictNumbers.size}
            names={names}
            onAccept={(index, choice) => editor.current?.accept(index, choice)}
            onReopen={(index) => editor.current?.reopen(index)}
          />,
          header.node,
          `conflict-${header.conflicts[0]?.index ?? 0}`,
        ),
      )}
    </div>
  );
}
