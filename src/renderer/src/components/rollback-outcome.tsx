import { useEffect, useRef } from 'react';
import type { RollbackOutcome } from '../state/snapshots-store.js';
import { useServices } from '../app-context.js';
import { rollbackOutcomeText } from '../view-model/rollback-plan.js';

/**
 * What the last rollback did: its result naming the safety snapshot, **Undo** (a plain rollback to
 * that safety snapshot), and the conflicted files it left as they are now, one by one.
 */
export function RollbackOutcomeCard({ outcome, onDismiss }: { outcome: RollbackOutcome; onDismiss: () => void }) {
  const { actions } = useServices();
  const card = useRef<HTMLElement>(null);
  // An undo replaces the Undo button with its own result: keep the focus in the card.
  const undoing = outcome.phase === 'running';
  useEffect(() => {
    if (!undoing && card.current !== null && card.current.contains(document.activeElement) === false && document.activeElement === document.body) card.current.focus();
  }, [undoing]);

  if (outcome.phase === 'running') {
    return (
      <section ref={card} className="card rollback-outcome" aria-label="Rollback result" tabIndex={-1}>
        <p className="task task-running" role="status">
          <span className="spinner" aria-hidden="true" />
          {outcome.text}
        </p>
      </section>
    );
  }
  if (outcome.phase === 'failed') {
    return (
      <section ref={card} className="card rollback-outcome" aria-label="Rollback result" tabIndex={-1}>
        <p className="task task-error" role="alert">
          {outcome.message}
        </p>
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
      </section>
    );
  }
  const { result, undo } = outcome;
  const text = rollbackOutcomeText(result, undo);
  return (
    <section ref={card} className="card rollback-outcome" aria-label="Rollback result" tabIndex={-1}>
      <div className="outcome-line">
        <p className={`task task-${text.tone}`} role="status">
          {text.text}
        </p>
        <div className="header-actions">
          {!undo && result.safety_snapshot_id !== null && result.status !== 'unchanged' ? (
            <button type="button" className="primary" onClick={() => void actions.undoRollback()} title={`Roll back to safety snapshot ${result.safety_snapshot_id}`}>
              Undo
            </button>
          ) : null}
          <button type="button" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      </div>
      {result.conflicts.length > 0 ? (
        <div className="conflicts">
          <h3>Left as they are now</h3>
          <p className="muted">These files were changed both by hand and by SkillMeat since the snapshot; the rollback did not touch them. They wait under Unfinished merges: open each with Merge….</p>
          <ul aria-label="Conflicted files">
            {result.conflicts.map((conflict) => (
              <li key={conflict.path} className="conflict-file">
                <span className="drift-icon" aria-hidden="true">
                  ⚠
                </span>
                <code>{conflict.path}</code>
                <span className="muted">{conflict.kind === 'content' ? 'both sides changed the same lines' : conflict.kind.replace('_', ' ')}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
