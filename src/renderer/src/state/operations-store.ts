/** Back-end operations as their `operation.progress` events describe them: running ones and the last few finished. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EventPayload } from '../../../shared/contract.js';
import { isRunning, type OperationView } from '../view-model/operation-text.js';

export interface OperationsState {
  /** Oldest first. */
  readonly operations: readonly OperationView[];
}

export type OperationsStore = StoreApi<OperationsState>;

/** How many finished operations stay listed. */
export const FINISHED_KEPT = 5;

/** An operations store with nothing running. */
export function createOperationsStore(): OperationsStore {
  return createStore<OperationsState>()(() => ({ operations: [] }));
}

/** The operations after one progress event: the operation is added or updated; old finished ones drop off. */
export function withProgress(operations: readonly OperationView[], payload: EventPayload<'operation.progress'>, at: Date = new Date()): readonly OperationView[] {
  const updated: OperationView = { id: payload.operation_id, method: payload.method, subject: payload.subject, at: at.toISOString(), phase: payload.phase, message: payload.message, done: payload.done, total: payload.total };
  const known = operations.some((op) => op.id === updated.id);
  const next = known ? operations.map((op) => (op.id === updated.id ? keepCounts(op, updated) : op)) : [...operations, updated];
  const finished = next.filter((op) => !isRunning(op));
  const dropped = new Set(finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT)).map((op) => op.id));
  return next.filter((op) => !dropped.has(op.id));
}

// A `finished` event carries no counts; keep the last ones seen so the panel can still show them.
function keepCounts(previous: OperationView, next: OperationView): OperationView {
  return next.done === null && next.total === null ? { ...next, done: previous.done, total: previous.total } : next;
}
