import { useStore } from 'zustand';
import { useServices } from '../app-context.js';

/** The state of one task under the control that started it: progress while running, then its result or error. */
export function TaskStatus({ taskKey, label }: { taskKey: string; label: string }) {
  const task = useStore(useServices().stores.tasks, (s) => s.tasks[taskKey]);
  if (task === undefined) return null;
  switch (task.phase) {
    case 'running':
      return (
        <p className="task task-running" role="status" aria-label={label}>
          <span className="spinner" aria-hidden="true" />
          {task.text}
        </p>
      );
    case 'done':
      return (
        <p className={`task task-${task.summary.tone}`} role="status" aria-label={label}>
          {task.summary.text}
        </p>
      );
    case 'failed':
      return (
        <p className="task task-error" role="alert" aria-label={label}>
          {task.message}
        </p>
      );
  }
}
