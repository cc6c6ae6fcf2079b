/** Pausing and resuming the drift monitor (the back end's file watching), and reading whether it runs. */
import { pushNotice } from '../state/notices-store.js';
import { failureOf, type ActionContext } from './action-context.js';

export interface MonitorActions {
  /** Reads whether the drift monitor runs and is paused. */
  loadMonitor(): Promise<void>;
  /** Pauses (or resumes) watching the projects and collections for drift. */
  setMonitorPaused(paused: boolean): Promise<void>;
}

/** The monitor actions over a client and the stores. */
export function monitorActions({ client, stores }: ActionContext): MonitorActions {
  const { monitor } = stores;
  return {
    async loadMonitor() {
      try {
        const info = await client.appInfo({});
        monitor.setState({ running: info.monitor.running, paused: info.monitor.paused });
      } catch (error) {
        pushNotice(stores.notices, 'error', `Could not read whether drift is watched: ${failureOf(error).message}`);
      }
    },
    async setMonitorPaused(paused) {
      monitor.setState({ switching: true });
      try {
        monitor.setState({ paused: (await client.setMonitorPaused({ paused })).paused });
      } catch (error) {
        pushNotice(stores.notices, 'error', `Could not ${paused ? 'pause' : 'resume'} watching for drift: ${failureOf(error).message}`);
      } finally {
        monitor.setState({ switching: false });
      }
    },
  };
}
