import { useStore } from 'zustand';
import { useServices } from '../app-context.js';
import { isRunning, operationName, operationStateText } from '../view-model/operation-text.js';

/** Operations running in the back end (and the last few finished), from its progress events; shown on every view. */
export function ActivityPanel() {
  const operations = useStore(useServices().stores.operations, (s) => s.operations);
  return (
    <section className="activity" aria-label="Activity">
      <h2>Activity</h2>
      {operations.length === 0 ? (
        <p className="muted">Nothing running.</p>
      ) : (
        <ul>
          {[...operations].reverse().map((op) => (
            <li key={op.id} className={`activity-item phase-${op.phase}`} aria-label={`${operationName(op.method)}: ${op.phase}`}>
              <span className="activity-name">
                {isRunning(op) ? <span className="spinner" aria-hidden="true" /> : null}
                {operationName(op.method)}
              </span>
              <span className="activity-state">{operationStateText(op)}</span>
              {isRunning(op) && op.total !== null && op.done !== null ? <progress value={op.done} max={op.total} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
