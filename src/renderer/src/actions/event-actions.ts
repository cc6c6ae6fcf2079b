/** Turns the back end's pushed events into store updates: live drift, operation progress, notices, upstream checks, the monitor's state. */
import { pushNotice } from '../state/notices-store.js';
import { withProgress } from '../state/operations-store.js';
import { withSummaries } from '../state/projects-store.js';
import { withCheck } from '../state/sources-store.js';
import type { ActionContext } from './action-context.js';
import type { ProjectActions } from './project-actions.js';

/** Subscribes the stores to every event; returns the unsubscribe. */
export function bindEvents({ client, stores }: ActionContext, projects: Pick<ProjectActions, 'refreshDrift'>): () => void {
  const unsubscribe = [
    // Only the projects whose drift changed arrive, in counts; the others keep theirs. Events carry
    // no entries: a project whose details are shown has its report read again.
    client.on('drift.changed', (payload) => {
      const summaries = payload.projects.map((delta) => delta.summary);
      stores.projects.setState((s) => withSummaries(s, summaries));
      const shown = summaries.map((summary) => summary.project).filter((path) => stores.projects.getState().reports[path] !== undefined);
      void projects.refreshDrift(shown);
    }),
    client.on('operation.progress', (payload) => stores.operations.setState((s) => ({ operations: withProgress(s.operations, payload) }))),
    client.on('notice', (payload) => pushNotice(stores.notices, 'info', payload.message)),
    // The back end's own check of the git sources (in the background, when the updates available changed): the collection view's badges follow.
    client.on('upstream.changed', (payload) => stores.sources.setState(withCheck(payload))),
    // Paused or resumed anywhere (another window, a tab, the tray): the toggle shows it.
    client.on('monitor.changed', (payload) => stores.monitor.setState({ running: payload.running, paused: payload.paused })),
  ];
  return () => {
    for (const stop of unsubscribe) stop();
  };
}
