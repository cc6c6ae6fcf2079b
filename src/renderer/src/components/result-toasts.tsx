import { useRef } from 'react';
import { useStore } from 'zustand';
import { useServices } from '../app-context.js';
import type { Toast } from '../state/toasts-store.js';
import { undoDescription } from '../view-model/undo-request.js';

/**
 * Results shown apart from their control (the toasts of this view): what an action did, **Undo**
 * when the core can put it back, then how the undo went. Announced politely; nothing disappears on
 * a timer, so there is time to read and to undo.
 */
export function ResultToasts({ view }: { view: string }) {
  const toasts = useStore(useServices().stores.toasts, (s) => s.toasts).filter((t) => t.view === view);
  if (toasts.length === 0) return null;
  return (
    <section className="toasts" aria-label="Results">
      {toasts.map((toast) => (
        <ResultToast key={toast.id} toast={toast} />
      ))}
    </section>
  );
}

function ResultToast({ toast }: { toast: Toast }) {
  const { actions } = useServices();
  const box = useRef<HTMLDivElement>(null);
  const { undone } = toast;
  return (
    <div ref={box} className={`toast toast-${undone?.phase === 'failed' ? 'error' : toast.tone}`} role="status" aria-label="Result" tabIndex={-1}>
      <p className="toast-text">
        {toast.text}
        {undone?.phase === 'running' ? <span className="muted"> Undoing…</span> : null}
        {undone?.phase === 'done' ? <span> Undone: {undone.text}</span> : null}
        {undone?.phase === 'failed' ? <span> Undo failed: {undone.message}</span> : null}
      </p>
      <span className="toast-actions">
        {toast.undo !== null && undone === null ? (
          <button
            type="button"
            className="primary"
            title={undoDescription(toast.undo)}
            onClick={() => {
              // The Undo button goes away with the undo: keep the focus on this result.
              box.current?.focus();
              void actions.undo(toast.id);
            }}
          >
            Undo
          </button>
        ) : null}
        <button type="button" className="link" aria-label="Dismiss result" onClick={() => actions.dismissToast(toast.id)}>
          ×
        </button>
      </span>
    </div>
  );
}
