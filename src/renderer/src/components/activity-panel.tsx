import { useStore } from 'zustand';
import { useServices } from '../app-context.js';
import { folderName } from '../view-model/format.js';
import { isRunning, operationName, operationStateText, operationTitle } from '../view-model/operation-text.js';
import { LocalTime } from './local-time.js';

/** Operations running in the back end (and the last few finished), from its progress events; shown on every view. */
export function ActivityPanel() {
  const { stores } = useServices();
  const operations = useStore(stores.operations, (s) => s.operations);
  const projects = useStore(stores.projects, (s) => s.projects);
  const projectName = (path: string) => projects.find((p) => p.path === path)?.name ?? folderName(path);
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
                {operationTitle(op, projectName)}
              </span>
              <span className="activity-state">
                {operationStateText(op)} · <LocalTime className="activity-time" iso={op.at} />
              </span>
              {isRunning(op) && op.total !== null && op.done !== null ? <progress value={op.done} max={op.total} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
