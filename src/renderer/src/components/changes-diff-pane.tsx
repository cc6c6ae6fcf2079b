import { useEffect, useRef, useState } from 'react';
import { EditorLoadStatus } from './editor-load-status.js';
import type { ChangedFile } from '../../../shared/merge-results.js';
import type { ChangesDiff } from '../monaco/diff-editor.js';
import { loadDiffEditor } from '../monaco/load-editors.js';

/** The two sides of one changed file in Monaco's diff editor (inline when `sideBySide` is false). Monaco loads here, on demand. */
export function ChangesDiffPane({ file, sideBySide }: { file: ChangedFile; sideBySide: boolean }) {
  const container = useRef<HTMLDivElement>(null);
  const diff = useRef<ChangesDiff | null>(null);
  const [phase, setPhase] = useState<'loading' | 'ready' | 'failed'>('loading');
  const initialSideBySide = useRef(sideBySide);

  useEffect(() => {
    let cancelled = false;
    const node = container.current;
    if (node === null) return;
    loadDiffEditor().then(
      ({ createChangesDiff }) => {
        if (cancelled) return;
        diff.current = createChangesDiff(node, { sideBySide: initialSideBySide.current });
        setPhase('ready');
      },
      () => !cancelled && setPhase('failed'),
    );
    return () => {
      cancelled = true;
      diff.current?.dispose();
      diff.current = null;
    };
  }, []);

  useEffect(() => {
    diff.current?.show({ path: file.path, before: file.before ?? '', after: file.after ?? '' });
  }, [file, phase]);

  useEffect(() => {
    diff.current?.setSideBySide(sideBySide);
  }, [sideBySide, phase]);

  return (
    <div className="diff-pane" aria-busy={phase === 'loading'}>
      <div ref={container} className="diff-editor" />
      <EditorLoadStatus phase={phase} />
    </div>
  );
}
