import { useStore } from 'zustand';
import { useServices } from '../app-context.js';

/** Pauses or resumes watching projects and collections for drift (drift is still checked when asked: Check all, opening a project). */
export function MonitorToggle() {
  const { stores, actions } = useServices();
  const running = useStore(stores.monitor, (s) => s.running);
  const paused = useStore(stores.monitor, (s) => s.paused);
  const switching = useStore(stores.monitor, (s) => s.switching);
  if (running !== true) return null;
  return (
    <button
      type="button"
      aria-pressed={paused}
      aria-disabled={switching || undefined}
      title={paused ? 'Drift is not watched: changes on disk show when you check. Resume watching.' : 'Stop watching files for drift until you resume.'}
      onClick={() => {
        if (!switching) void actions.setMonitorPaused(!paused);
      }}
    >
      {paused ? 'Resume watching' : 'Pause watching'}
    </button>
  );
}
