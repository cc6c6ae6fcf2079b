/** Turns the back end's pushed events into store updates: live drift, operation progress, notices. */
import { pushNotice } from '../state/notices-store.js';
import { withProgress } from '../state/operations-store.js';
import { withReports } from '../state/projects-store.js';
import type { ActionContext } from './action-context.js';

/** Subscribes the stores to every event; returns the unsubscribe. */
export function bindEvents({ client, stores }: ActionContext): () => void {
  const unsubscribe = [
    // Only the projects whose drift changed arrive; the others keep their reports.
    client.on('drift.changed', (payload) => stores.projects.setState((s) => withReports(s, payload.reports))),
    client.on('operation.progress', (payload) => stores.operations.setState((s) => ({ operations: withProgress(s.operations, payload) }))),
    client.on('notice', (payload) => pushNotice(stores.notices, 'info', payload.message)),
  ];
  return () => {
    for (const stop of unsubscribe) stop();
  };
}
